# Script code run by a collection in the middle of a container operation. With threshold 1
# nearly every allocation collects, and the gc.callbacks callback (or a __del__ of the garbage
# found) changes the very container being worked on and changes it back. minipy used to panic
# ("RefCell already borrowed") in each of the operations below.
import gc
import helper_counter as mod

L = [3, 1, 2]
D = {'a': 1, 'b': 2}
S = {1, 2, 3}


class Obj:
    pass


O = Obj()
O.x = 1


def touch():
    L.append(0)
    L.pop()
    D['t'] = 0
    del D['t']
    S.add(-1)
    S.discard(-1)
    O.t = 0
    del O.t
    mod.t = 0
    del mod.t
    gc.t = 0
    del gc.t


def cb(phase, info):
    touch()


class Churn:
    # Each collection finds one of these in a cycle; its __del__ touches every container and
    # leaves a new cycle behind for the next collection.
    stop = False

    def __del__(self):
        if Churn.stop:
            return
        touch()
        new_garbage()


def new_garbage():
    c = Churn()
    c.me = c


def attempt(name, f):
    try:
        r = f()
        if isinstance(r, set):
            r = sorted(r)
        print(name, list(r) if type(r).__name__.startswith('dict_') else r)
    except Exception as e:
        print(name, type(e).__name__ + ':', e)


def operations():
    attempt('keys', lambda: D.keys())
    attempt('values', lambda: D.values())
    attempt('copy', lambda: L.copy())
    attempt('or', lambda: S | {4})
    attempt('and', lambda: S & {1, 9})
    attempt('sub', lambda: S - {1})
    attempt('xor', lambda: S ^ {1, 9})
    attempt('index', lambda: L[10])
    attempt('step0', lambda: L[::0])
    attempt('modattr', lambda: mod.missing)
    attempt('gcattr', lambda: gc.missing)
    attempt('exc', lambda: repr(ValueError(L, D)))
    attempt('eq', lambda: D == {'a': 1, 'b': 2})
    attempt('pop', lambda: S.copy().pop() in S)
    print(L, D, sorted(S), vars(O))


gc.callbacks.append(cb)
gc.set_threshold(1)
operations()
gc.callbacks.remove(cb)

new_garbage()
operations()
Churn.stop = True
gc.set_threshold(700)
gc.collect()
print('done')
