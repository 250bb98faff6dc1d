# Operations on constants that CPython 3.11 does not fold: those that raise (they raise when
# they run, each time, with CPython's message) and those whose result is too large (they are
# computed when they run, with the right value).


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__ + ':', e)


attempt('1/0', lambda: 1 / 0)
attempt('1//0', lambda: 1 // 0)
attempt('1%0', lambda: 1 % 0)
attempt('1.5/0', lambda: 1.5 / 0)
attempt('2**64//0', lambda: 2 ** 64 // 0)
attempt('1.0%0.0', lambda: 1.0 % 0.0)
attempt('1j/0', lambda: 1j / 0)
attempt('0**-1', lambda: 0 ** -1)
attempt('0.0**-2', lambda: 0.0 ** -2)
attempt('1<<-1', lambda: 1 << -1)
attempt('1>>-1', lambda: 1 >> -1)
attempt("'a'*'b'", lambda: 'a' * 'b')
attempt("'a'+1", lambda: 'a' + 1)
attempt("1+'a'", lambda: 1 + 'a')
attempt("b'a'+'a'", lambda: b'a' + 'a')
attempt("(1,)+[2]", lambda: (1,) + [2])
attempt("'a'*1.5", lambda: 'a' * 1.5)
attempt("-'a'", lambda: -'a')
attempt("~1.5", lambda: ~1.5)
attempt("~1j", lambda: ~1j)
attempt("+b'a'", lambda: +b'a')
attempt("1j//1", lambda: 1j // 1)
attempt("1j%1", lambda: 1j % 1)
attempt("1j<1j", lambda: 1j < 2j)
attempt("(1,2)[5]", lambda: (1, 2)[5])
attempt("'abc'[3]", lambda: 'abc'[3])
attempt("'abc'[-4]", lambda: 'abc'[-4])
attempt("b'ab'[2]", lambda: b'ab'[2])
attempt("2.0**10000", lambda: 2.0 ** 10000)
attempt("'%d'%'a'", lambda: '%d' % 'a')
attempt("'%s %s'%(1,)", lambda: '%s %s' % (1,))
attempt("1 in 5", lambda: 1 in 5)
attempt("[] in {1}", lambda: [] in {1, 2})
attempt("1 in [1, []] ", lambda: 1 in [1, []])

# Each call raises again: nothing was computed once and kept.
for i in range(2):
    attempt('again', lambda: (1, 2) + 3)

# Too large to fold: computed at run time, correctly.
print(len('a' * 10 ** 6), len('ab' * 2049), len(b'x' * 5000), len('a' * 4097))
print((2 ** 100000).bit_length(), (1 << 10 ** 4).bit_length(), 2 ** 129, 2 ** 100)
print(1 << 128, 3 << 127, -(1 << 200), (2 ** 64) * (2 ** 65), 10 ** 50 * 10 ** 50)
print(len((1,) * 257), len((1, 2) * 129), len(((1, 2, 3),) * 300), len(() * 10 ** 6))
print(len(() * 2 ** 62), len([] * 2 ** 62), len('' * 2 ** 62), len(b'' * 2 ** 62))
print(0 ** 10 ** 20, 1 ** 10 ** 20 if False else 1, (-1) ** (2 ** 70), 0 << 2 ** 70)
print((7 ** 45) % 1000, 2 ** 64 * 2 ** 64 == 2 ** 128, (1 << 128) >> 127)

# Errors in multi-line expressions around folded parts.


def multi(n):
    a = (2 ** 10 +
         3)
    try:
        return (a +
                n) / (1 -
                      1)
    except ZeroDivisionError as e:
        return 'caught ' + str(e)


print(multi(1))
try:
    x = ((1, 2) +
         (3,) +
         'four')
except TypeError as e:
    print('TypeError', e)
