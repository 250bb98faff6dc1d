# str.expandtabs and bytes/bytearray.expandtabs share one column loop: the same results
# for the same text, whatever the item type.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

texts = ['', '\t', 'a\tb', 'ab\tcd\tef', 'a\tb\n\tc\r\td', '\t\t\n\t', 'abcdefgh\tx', '1\r\n\t2']
for s in texts:
    for size in (8, 4, 3, 1, 0, -1):
        r = s.expandtabs(size)
        rb = s.encode().expandtabs(size)
        ra = bytearray(s.encode()).expandtabs(tabsize=size)
        print(repr(r), r.encode() == rb == ra, type(ra).__name__)
t(lambda: b'a\tb'.expandtabs())
t(lambda: bytearray(b'a\tb').expandtabs())
t(lambda: b'a\tb'.expandtabs(None))
t(lambda: bytearray(b'a\tb').expandtabs(tabsize=None))
t(lambda: b'a\tb'.expandtabs('x'))
t(lambda: b'a\tb'.expandtabs(2**40))
t(lambda: b'a\tb'.expandtabs(True))
t(lambda: b'a\tb'.expandtabs(3, 4))
t(lambda: b'a\tb'.expandtabs(size=3))
t(lambda: 'é\tß\tb'.expandtabs(3))
t(lambda: 'é\tß\tb'.encode().expandtabs(3))
t(lambda: b'\xff\t\x80\t'.expandtabs(2))
t(lambda: 'a\tb'.expandtabs(-2**31))
t(lambda: 'a\tb'.expandtabs(-2**31 - 1))
