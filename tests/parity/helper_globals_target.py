# Imported by global_name_sites.py: a module whose functions read its own globals while
# another module rebinds and deletes them.
SCALE = 2


def scaled(x):
    return x * SCALE


def uses_len(seq):
    return len(seq)


def missing():
    return NOT_YET_DEFINED
