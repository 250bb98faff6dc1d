"""Generic (shallow and deep) copying operations, as CPython's copy module.

Instances without a __copy__/__deepcopy__/__reduce__ of their own are copied as
object.__reduce_ex__ would: a new instance (no __init__ call) given the attributes.
Deep structures recurse as in CPython and end in RecursionError, never a crash.
"""

import _minipy


class Error(Exception):
    pass


error = Error

_atomic_types = (type(None), int, float, complex, bool, str, bytes, range, type, type(len), type(_minipy))


def _is_atomic(x):
    t = type(x)
    if t in _atomic_types:
        return True
    if t is type(_is_atomic):
        return True
    return isinstance(x, type)


def _new_like(x):
    return _minipy.new_instance(type(x))


def _set_state(y, state):
    if hasattr(y, "__setstate__"):
        y.__setstate__(state)
        return
    slotstate = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    if state:
        for k, v in state.items():
            setattr(y, k, v)
    if slotstate:
        for k, v in slotstate.items():
            setattr(y, k, v)


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if _is_atomic(x) or cls is tuple or cls is slice:
        return x
    if cls is list:
        return x[:]
    if cls is dict or cls is set or cls is bytearray:
        return x.copy()
    if hasattr(x, "__copy__"):
        return x.__copy__()
    if hasattr(x, "__reduce_ex__"):
        return _reconstruct(x, None, *x.__reduce_ex__(4))
    if hasattr(x, "__reduce__"):
        return _reconstruct(x, None, *x.__reduce__())
    y = _new_like(x)
    if hasattr(x, "__getstate__"):
        _set_state(y, x.__getstate__())
    else:
        for k, v in x.__dict__.items():
            setattr(y, k, v)
    return y


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        y = []
        memo[d] = y
        append = y.append
        for a in x:
            append(deepcopy(a, memo))
    elif cls is tuple:
        y = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        same = True
        for k in range(len(x)):
            if x[k] is not y[k]:
                same = False
                break
        if same:
            y = x
        else:
            y = tuple(y)
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set([deepcopy(a, memo) for a in x])
    elif cls is bytearray:
        y = bytearray(x)
    elif cls is slice:
        # As its __reduce__ (slice, (start, stop, step)) would: a new slice of copied bounds.
        y = slice(*deepcopy((x.start, x.stop, x.step), memo))
    elif hasattr(x, "__deepcopy__"):
        y = x.__deepcopy__(memo)
    elif hasattr(x, "__reduce_ex__"):
        y = _reconstruct(x, memo, *x.__reduce_ex__(4))
    elif hasattr(x, "__reduce__"):
        y = _reconstruct(x, memo, *x.__reduce__())
    else:
        y = _new_like(x)
        memo[d] = y
        if hasattr(x, "__getstate__"):
            state = x.__getstate__()
        else:
            state = x.__dict__
        _set_state(y, deepcopy(state, memo))
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    """Keeps x alive while memo lives, so that its id() is not reused."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        _set_state(y, state)
    if listiter is not None:
        for item in listiter:
            if deep:
                item = deepcopy(item, memo)
            y.append(item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y
