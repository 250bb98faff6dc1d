class Node:
    def __init__(self, parent):
        self.parent = parent
        self.children = []

def tree(depth, parent):
    n = Node(parent)
    if depth > 0:
        n.children.append(tree(depth - 1, n))
        n.children.append(tree(depth - 1, n))
    return n

def churn(n):
    total = 0
    for i in range(n):
        a = []
        b = [a]
        a.append(b)
        d = {'self': None}
        d['self'] = d
        total += len(a) + len(b)
    return total

for r in range(N // 4000):
    t = tree(9, None)
    churn(1000)
