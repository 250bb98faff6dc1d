import queue
from queue import Queue, LifoQueue, PriorityQueue, SimpleQueue

q = Queue()
for i in range(5):
    q.put(i * i)
print(q.qsize(), q.empty(), q.full())
print([q.get() for _ in range(3)], q.qsize())
q.put_nowait("x")
print(q.get_nowait(), q.get(), q.get(block=False), q.empty())
try:
    q.get_nowait()
except queue.Empty as e:
    print("Empty:", repr(e), type(e).__name__)
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")

b = Queue(maxsize=2)
b.put(1)
b.put(2)
print(b.full(), b.qsize(), b.maxsize)
try:
    b.put(3, block=False)
except queue.Full as e:
    print("Full:", repr(e))
print(b.get(), b.full())
b.task_done()
b.task_done()
try:
    b.task_done()
except ValueError as e:
    print("ValueError:", e)

s = LifoQueue()
for c in "abc":
    s.put(c)
print([s.get() for _ in range(s.qsize())])

p = PriorityQueue()
for item in [(3, "c"), (1, "a"), (2, "b"), (1, "A")]:
    p.put(item)
out = []
while not p.empty():
    out.append(p.get())
print(out)

sq = SimpleQueue()
sq.put(1)
sq.put_nowait(2)
print(sq.qsize(), sq.get(), sq.get_nowait(), sq.empty())
try:
    sq.get(block=False)
except queue.Empty:
    print("SimpleQueue Empty")


class Stack(Queue):
    def _init(self, maxsize):
        self.queue = []

    def _put(self, item):
        self.queue.insert(0, item)

    def _get(self):
        return self.queue.pop(0)


st = Stack()
st.put(1)
st.put(2)
print(st.get(), st.get())
print(issubclass(queue.Empty, Exception), queue.Empty.__module__, queue.Full.__module__)
