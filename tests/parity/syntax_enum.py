# The enum module: members made when an Enum subclass is defined, lookup by value.
from enum import Enum
class WidgetKind(Enum):
    BIG = 1
    SMALL = 2
    def describe(self):
        return self.name.lower()
print(WidgetKind.BIG, repr(WidgetKind.SMALL), WidgetKind.BIG.value, WidgetKind.BIG.name)
print(WidgetKind(2) is WidgetKind.SMALL, WidgetKind.BIG == WidgetKind.BIG, WidgetKind.BIG == WidgetKind.SMALL)
print(isinstance(WidgetKind.BIG, WidgetKind), WidgetKind.BIG.describe(), {WidgetKind.BIG: 1}[WidgetKind.BIG])
try:
    WidgetKind(3)
except ValueError as e:
    print(type(e).__name__, e)
for k in WidgetKind:
    print(k)
class Shade(Enum):
    DARK = 1
    GREY = 1
    LIGHT = 3
print([s.name for s in Shade], Shade.GREY is Shade.DARK)
