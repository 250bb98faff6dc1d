"""Module doc.

>>> 1 + 1
2
"""


def add(a, b):
    """Add two numbers.

    >>> add(2, 3)
    5
    >>> add('a', 'b')
    'ab'
    >>> [add(i, i) for i in range(3)]
    [0, 2, 4]
    >>> x = add(1, 1)
    >>> x
    2
    >>> add(1, None)
    Traceback (most recent call last):
        ...
    TypeError: unsupported operand type(s) for +: 'int' and 'NoneType'
    >>> print("a\\n\\nb")
    a
    <BLANKLINE>
    b
    >>> list(range(20))  # doctest: +ELLIPSIS
    [0, 1, ..., 19]
    """
    return a + b


class Stack:
    """A stack.

    >>> s = Stack()
    >>> s.push(1)
    >>> s.pop()
    1
    """

    def __init__(self):
        self.items = []

    def push(self, x):
        """Push.

        >>> Stack().push(3) is None
        True
        """
        self.items.append(x)

    def pop(self):
        return self.items.pop()


def nodoc():
    pass


def parse(text):
    """Parse an int.

    >>> parse('12')
    12
    >>> parse('x')
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'x'
    """
    return int(text)


if __name__ == "__main__":
    import doctest
    print(doctest.testmod())
    doctest.testmod(verbose=True)
