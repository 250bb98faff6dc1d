"""Module doc.

>>> 1 + 1
3
"""


def f(x):
    """
    Doubles.

    >>> f(2)
    4
    >>> f(3)
    7
    >>> f('a')
    Traceback (most recent call last):
    TypeError: nope
    """
    return x * 2


class C:
    """A class.

    >>> C().m()
    2
    """

    def m(self):
        """>>> C().m()
        0
        """
        return 1


if __name__ == "__main__":
    import doctest
    import io
    import re
    import sys

    buf = io.StringIO()
    saved = sys.stdout
    sys.stdout = buf
    result = doctest.testmod()
    sys.stdout = saved
    # The file's name depends on where the script runs from.
    print(re.sub(r'File ".*?", line', 'File "FILE", line', buf.getvalue()), end="")
    print(result)
