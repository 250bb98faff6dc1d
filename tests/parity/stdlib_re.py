import re

m = re.match(r'(\w+) (\w+)', 'Isaac Newton, physicist')
print(m)
print(m.group(0), m.group(1), m.group(2), m.group(1, 2), m[1], m.groups(), m.span(2), m.start(), m.end(1))
m = re.search(r'(?P<first>\w+) (?P<last>\w+)', 'Malcolm Reynolds')
print(m.groupdict(), m.group('last'), m.lastindex, m.lastgroup, m.re.groupindex)
print(re.search(r'\d+', 'abc 123 def 45'), re.search('x', 'abc'))
print(re.findall(r'\d+', 'a1b22c333'), re.findall(r'(\w)(\d)', 'a1 b2 c'), re.findall(r'(a)|b', 'ab'))
print([m.span() for m in re.finditer(r'x*', 'abxd')])
print(re.sub(r'x*', '-', 'abxd'), re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@home, ann@work'))
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c3'), re.subn('a', 'b', 'aaa', count=2))
print(re.sub(r'(?P<w>\w+)', r'<\g<w>|\g<1>>', 'hi there'), re.sub('a', r'\n\t\\', 'a'))
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words.'), re.split(r'\W+', 'a b c', 1))
print(re.split(r'\b', 'a b'), re.split('x*', 'axbc'))
print(re.fullmatch(r'\d+', '123'), re.fullmatch(r'\d+', '123a'), re.match('b', 'ab'))
p = re.compile(r'^\s*(\w+)\s*=\s*(.*?)\s*$', re.MULTILINE)
print(p, p.groups, p.pattern, p.flags)
print(p.findall('a = 1\n  b=two \nc =3'))
print(re.compile('a', re.I | re.S), re.compile('a').flags)
print(re.findall('^a', 'ab\nac', re.M), re.findall('a$', 'ba\nca\n'), re.findall('a$', 'ba\nca\n', re.M))
print(re.search(r'(\w)\1', 'abccd'), re.search(r'(?P<c>\w)(?P=c)', 'xyzzy').group())
print(re.search(r'(?<=-)\w+', 'spam-egg').group(), re.search(r'foo(?!bar)', 'foobar foobaz').span())
print(re.findall(r'a{2}', 'aaaaa'), re.findall(r'a{', 'a{'), re.findall('[]x]', 'a]x'))
print(re.escape('a.b*c?'), re.escape('1+1=2 (yes)'))
print(re.sub(r'é', 'e', 'café crème'), [m.span() for m in re.finditer('è|é', 'café crème')])
print(re.findall(r'\w+', 'naïve café', re.ASCII), re.findall(r'\w+', 'naïve café'))
print(re.search('b', 'abcb', ).start(), re.compile('b').search('abcb', 2).span(), re.compile('b').match('abcb', 1))
print(re.compile(r'\d').findall('1a2b3', 1, 4))
print(re.match(r'(a)(b)?', 'a').groups(), re.match(r'(a)(b)?', 'a').groups('-'), re.match(r'(a)(b)?', 'a').group(2))
print(re.search(r'A\Z', 'xA'), re.search(r'A\Z', 'xA\n'), re.match(r'(?i)hello', 'HeLLo').group())
print(re.findall(r'''
    (\d+)   # digits
    \s*     # space
    ([a-z]+)  # unit
''', '10 kg, 5m', re.VERBOSE))
for bad in [lambda: re.compile('('), lambda: re.match('a', 5), lambda: re.sub('a', r'\3', 'a'),
            lambda: re.match('a', 'a').group(3), lambda: re.compile(re.compile('a'), re.I)]:
    try:
        bad()
    except re.error as e:
        print('re.error')
    except (TypeError, IndexError, ValueError) as e:
        print(type(e).__name__, e)
print(isinstance(re.compile('x'), re.Pattern), type(re.match('a', 'a')).__name__)
