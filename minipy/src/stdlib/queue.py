"""queue: FIFO, LIFO and priority queues, after CPython's `queue` module.

minipy has no threads, so nothing can fill an empty queue (or drain a full one) while a
call waits: a blocking `get()` or `put()` that CPython would wait on forever says it is not
supported; with a timeout it waits that long and raises `Empty` or `Full`, as CPython does.
"""

import time as _time
from collections import deque
from heapq import heappush, heappop

__all__ = ['Empty', 'Full', 'Queue', 'PriorityQueue', 'LifoQueue', 'SimpleQueue']


class Empty(Exception):
    'Exception raised by Queue.get(block=0)/get_nowait().'
    pass


Empty.__module__ = '_queue'


class Full(Exception):
    'Exception raised by Queue.put(block=0)/put_nowait().'
    pass


def _wait(block, timeout, what, error):
    """What a put or get that cannot go ahead does: raise `error` at once when not blocking,
    after `timeout` seconds when given; a wait without end is refused."""
    if not block:
        raise error
    if timeout is None:
        raise NotImplementedError(
            'not supported by minipy: a blocking ' + what + '() that waits forever (no threads)')
    _time.sleep(timeout)
    raise error


def _check_timeout(block, timeout):
    if block and timeout is not None and timeout < 0:
        raise ValueError("'timeout' must be a non-negative number")


class Queue:
    '''Create a queue object with a given maximum size.

    If maxsize is <= 0, the queue size is infinite.
    '''

    def __class_getitem__(cls, params):
        # `Queue[int]`: a types.GenericAlias, as in CPython.
        from types import GenericAlias
        return GenericAlias(cls, params)

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.unfinished_tasks = 0

    def task_done(self):
        '''Indicate that a formerly enqueued task is complete.'''
        unfinished = self.unfinished_tasks - 1
        if unfinished <= 0:
            if unfinished < 0:
                raise ValueError('task_done() called too many times')
        self.unfinished_tasks = unfinished

    def join(self):
        '''Blocks until all items in the Queue have been gotten and processed.'''
        if self.unfinished_tasks:
            raise NotImplementedError(
                'not supported by minipy: join() with unfinished tasks waits forever (no threads)')

    def qsize(self):
        '''Return the approximate size of the queue (not reliable!).'''
        return self._qsize()

    def empty(self):
        '''Return True if the queue is empty, False otherwise (not reliable!).'''
        return not self._qsize()

    def full(self):
        '''Return True if the queue is full, False otherwise (not reliable!).'''
        return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        '''Put an item into the queue.'''
        if self.maxsize > 0:
            _check_timeout(block, timeout)
            if self._qsize() >= self.maxsize:
                _wait(block, timeout, 'put', Full)
        self._put(item)
        self.unfinished_tasks += 1

    def get(self, block=True, timeout=None):
        '''Remove and return an item from the queue.'''
        _check_timeout(block, timeout)
        if not self._qsize():
            _wait(block, timeout, 'get', Empty)
        return self._get()

    def put_nowait(self, item):
        '''Put an item into the queue without blocking.'''
        return self.put(item, block=False)

    def get_nowait(self):
        '''Remove and return an item from the queue without blocking.'''
        return self.get(block=False)

    # Override these methods to implement other queue organizations
    # (e.g. stack or priority queue).

    def _init(self, maxsize):
        self.queue = deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()


class PriorityQueue(Queue):
    '''Variant of Queue that retrieves open entries in priority order (lowest first).'''

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        heappush(self.queue, item)

    def _get(self):
        return heappop(self.queue)


class LifoQueue(Queue):
    '''Variant of Queue that retrieves most recently added entries first.'''

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class SimpleQueue:
    '''Simple, unbounded, reentrant FIFO queue.'''

    def __class_getitem__(cls, params):
        # `Queue[int]`: a types.GenericAlias, as in CPython.
        from types import GenericAlias
        return GenericAlias(cls, params)

    def __init__(self):
        self._queue = deque()

    def put(self, item, block=True, timeout=None):
        '''Put the item on the queue.'''
        self._queue.append(item)

    def get(self, block=True, timeout=None):
        '''Remove and return an item from the queue.'''
        _check_timeout(block, timeout)
        if not self._queue:
            _wait(block, timeout, 'get', Empty)
        return self._queue.popleft()

    def put_nowait(self, item):
        '''Put an item into the queue without blocking.'''
        return self.put(item, block=False)

    def get_nowait(self):
        '''Remove and return an item from the queue without blocking.'''
        return self.get(False)

    def empty(self):
        '''Return True if the queue is empty, False otherwise (not reliable!).'''
        return len(self._queue) == 0

    def qsize(self):
        '''Return the approximate size of the queue (not reliable!).'''
        return len(self._queue)


SimpleQueue.__module__ = '_queue'
