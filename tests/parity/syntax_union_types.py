from typing import Optional
def f(x: int | None = None, y: list[int] | None = None) -> str | None:
    return None if x is None else str(x)
print(f(3), f())
print(isinstance(3, int | str), isinstance(None, int | None), isinstance(2.5, int | str))
def g(a: Optional[int] | None) -> dict[str, int] | list[str]:
    return a
print(g(1))
class A: pass
class B: pass
print(isinstance(B(), A | B), isinstance(A(), B | None))
