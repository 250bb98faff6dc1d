"""Imported by helper_circ_a while that one is still running its body."""
import helper_circ_a

# helper_circ_a is partly initialised here: it has not bound A_NAME yet.
A_AT_IMPORT = str(hasattr(helper_circ_a, "A_NAME"))
B_NAME = "b"


def a_name():
    return helper_circ_a.A_NAME
