"""Heap queue: a binary min-heap kept in a plain list (heap[k] <= heap[2*k+1] and heap[2*k+2]).

minipy's own module. The sift steps make the same moves as CPython's `heapq`, so a list
holds the same items in the same places after the same calls (programs that print a heap
print what CPython prints); `nsmallest`, `nlargest` and `merge` give the results CPython
documents them to be equivalent to.
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _need_list(name, heap):
    if not isinstance(heap, list):
        which = 'argument' if name == 'heapify' else 'argument 1'
        raise TypeError(f"{name}() {which} must be list, not {type(heap).__name__}")


def _sift_toward_root(heap, top, pos):
    # Move heap[pos] up while it is smaller than its parent, stopping at index `top`.
    item = heap[pos]
    while pos > top:
        parent = (pos - 1) >> 1
        above = heap[parent]
        if item < above:
            heap[pos] = above
            pos = parent
            continue
        break
    heap[pos] = item


def _sift_from(heap, pos):
    # Take heap[pos] out, let the smaller child rise into each hole down to a leaf, then put
    # the item at that leaf and move it back up (fewer comparisons than stopping early).
    end = len(heap)
    top = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_toward_root(heap, top, pos)


def heappush(heap, item):
    """Push item onto heap, keeping the heap invariant."""
    _need_list('heappush', heap)
    heap.append(item)
    _sift_toward_root(heap, 0, len(heap) - 1)


def heappop(heap):
    """Pop the smallest item off the heap, keeping the heap invariant."""
    _need_list('heappop', heap)
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if heap:
        smallest = heap[0]
        heap[0] = last
        _sift_from(heap, 0)
        return smallest
    return last


def heapreplace(heap, item):
    """Pop and return the smallest item, then push item (the heap size stays the same)."""
    _need_list('heapreplace', heap)
    if not heap:
        raise IndexError('index out of range')
    smallest = heap[0]
    heap[0] = item
    _sift_from(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Push item, then pop and return the smallest item (faster than the two calls)."""
    _need_list('heappushpop', heap)
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_from(heap, 0)
    return item


def heapify(x):
    """Make list x a heap, in place, in linear time."""
    _need_list('heapify', x)
    for i in reversed(range(len(x) // 2)):
        _sift_from(x, i)


def nsmallest(n, iterable, key=None):
    """The n smallest items: the same list as sorted(iterable, key=key)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest items: the same list as sorted(iterable, key=key, reverse=True)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted iterator, lazily; on ties the earlier input's
    item comes first."""
    heads = []
    for it in iterables:
        it = iter(it)
        for value in it:
            heads.append([value, value if key is None else key(value), it])
            break
    while heads:
        best = 0
        for i in range(1, len(heads)):
            if reverse:
                better = heads[best][1] < heads[i][1]
            else:
                better = heads[i][1] < heads[best][1]
            if better:
                best = i
        head = heads[best]
        yield head[0]
        for value in head[2]:
            head[0] = value
            head[1] = value if key is None else key(value)
            break
        else:
            del heads[best]
