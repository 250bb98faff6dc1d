"""Imports helper_circ_b, which imports this module back (a circular import)."""
import helper_circ_b

A_NAME = "a"


def describe():
    return "a sees b=" + helper_circ_b.B_NAME + ", b saw a=" + helper_circ_b.A_AT_IMPORT
