def bump(seq):
    """
    >>> seq = [3, 1, 2]; bump(seq); seq
    [4, 2, 3]
    >>> a = 1; b = 2; a + b; a * 10
    3
    10
    >>> x = "a;b"; x.split(";"); len(x)  # a comment; with a semicolon
    ['a', 'b']
    3
    >>> d = {"k": [1, 2]}; d["k"].append(3); d
    {'k': [1, 2, 3]}
    >>> n = None; n; "shown"
    'shown'
    >>> t = 1; t / 0; t
    Traceback (most recent call last):
    ZeroDivisionError: division by zero
    >>> q = [1]; q.append(2); q
    [1, 2]
    """
    for i in range(len(seq)):
        seq[i] += 1


if __name__ == "__main__":
    import doctest
    print(doctest.testmod())
