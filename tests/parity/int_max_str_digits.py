import sys
print(sys.get_int_max_str_digits())
try: str(10**5000)
except ValueError as e: print(e)
try: int('1'*5000)
except ValueError as e: print(e)
try: sys.set_int_max_str_digits(100)
except ValueError as e: print(e)
sys.set_int_max_str_digits(0); print(len(str(10**5000)), sys.get_int_max_str_digits())
sys.set_int_max_str_digits(maxdigits=640)
try: print(repr(10**700))
except ValueError as e: print(e)
try: print(f'{10**700}')
except ValueError as e: print(e)
try: print(int('7'*700, 36))
except ValueError as e: print(e)
print(int('f'*700, 16) % 1000, hex(10**700)[:10])
try: sys.set_int_max_str_digits(maxdigits=-1)
except ValueError as e: print(e)
try: sys.set_int_max_str_digits('1')
except TypeError as e: print(e)
try: sys.set_int_max_str_digits()
except TypeError as e: print(e)
print(len(str(10**639)), int('1'*640) % 7)
sys.set_int_max_str_digits(4300)
try:
    print(10**5000)
except ValueError as e:
    print('ValueError:', e)
print(sys.get_int_max_str_digits(), len(str(10**4299)), int('9' * 4300) % 10)
# The limit is a C int: beyond its range, OverflowError.
for v in [2**31, 2**31 - 1, -2**31 - 1, -2**31, 10**30, -10**30, 1.5, True]:
    try:
        sys.set_int_max_str_digits(v)
        print(v, sys.get_int_max_str_digits())
    except Exception as e:
        print(v, type(e).__name__, e)
sys.set_int_max_str_digits(4300)
