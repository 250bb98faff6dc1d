"""Common string constants and `capwords`, as in CPython's `string` module."""

__all__ = ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'capwords',
           'digits', 'hexdigits', 'octdigits', 'printable', 'punctuation',
           'whitespace', 'Template']

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s (on sep, or on runs of whitespace), capitalize each word, join with sep or
    one space."""
    return (sep or ' ').join([w.capitalize() for w in s.split(sep)])


class Template:
    """`$name` and `${name}` substitution (`$$` is a dollar sign)."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _convert(self, mapping, safe):
        t = self.template
        out = []
        i = 0
        n = len(t)
        while i < n:
            c = t[i]
            if c != '$':
                out.append(c)
                i += 1
                continue
            if i + 1 < n and t[i + 1] == '$':
                out.append('$')
                i += 2
                continue
            j = i + 1
            braced = j < n and t[j] == '{'
            if braced:
                j += 1
            k = j
            while k < n and _identifier_char(t[k], k == j):
                k += 1
            name = t[j:k]
            if braced and (k >= n or t[k] != '}'):
                name = ''
            if not name:
                if safe:
                    out.append('$')
                    i += 1
                    continue
                line = t[:i].count('\n') + 1
                col = i - (t[:i].rfind('\n') + 1) + 1
                raise ValueError(f'Invalid placeholder in string: line {line}, col {col}')
            end = k + 1 if braced else k
            if name in mapping:
                out.append(str(mapping[name]))
            elif safe:
                out.append(t[i:end])
            else:
                raise KeyError(name)
            i = end
        return ''.join(out)

    def substitute(self, mapping=None, /, **kws):
        return self._convert(_chain(mapping, kws), False)

    def safe_substitute(self, mapping=None, /, **kws):
        return self._convert(_chain(mapping, kws), True)


def _identifier_char(c, first):
    # Placeholder names are ASCII identifiers, as with CPython's default pattern.
    return c == '_' or 'a' <= c <= 'z' or 'A' <= c <= 'Z' or (not first and '0' <= c <= '9')


def _chain(mapping, kws):
    if mapping is None:
        return kws
    if not kws:
        return mapping
    merged = dict(mapping)
    merged.update(kws)
    return merged
