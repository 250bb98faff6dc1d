from __future__ import annotations

import __future__


class Tree:
    left: Tree | None = None
    items: list[dict[str, int]]
    pair: tuple[int, ...] = (1, 2)

    def walk(self, depth: int = 0, *, key: Callable[[Tree], bool] = None) -> Iterator[Tree]:
        return depth


print(Tree.__annotations__)
print(Tree.walk.__annotations__)
print(Tree().walk(3))
print(__annotations__ if "__annotations__" in globals() else "no module annotations")
count: Undefined.attr[1] = 2
print(__annotations__, count)
print(__future__.annotations is not None)
