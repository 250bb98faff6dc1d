# obj.__class__ = C on instances of user classes, and the cases CPython refuses.


class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"


class Dog(Animal):
    def speak(self):
        return f"{self.name} barks"


class Robot:
    sound = "beep"

    def speak(self):
        return f"{self.name} says {self.sound}"


a = Animal("rex")
print(a.speak(), type(a).__name__, isinstance(a, Dog))
a.__class__ = Dog
print(a.speak(), type(a).__name__, isinstance(a, Dog), isinstance(a, Animal), a.__class__ is Dog)
a.__class__ = Robot
print(a.speak(), a.sound, a.__dict__, isinstance(a, Animal))
setattr(a, "__class__", Animal)
print(a.speak(), type(a) is Animal)


class Err1(Exception):
    pass


class Err2(Exception):
    pass


class Err3(ValueError):
    pass


class MyList(list):
    pass


class OtherList(list):
    def total(self):
        return sum(self)


e = Err1("x")
e.__class__ = Err2
print(type(e).__name__, isinstance(e, ValueError), e.args)
m = MyList([1, 2, 3])
m.__class__ = OtherList
print(m.total(), type(m).__name__)

for target, value in [(a, int), (a, 5), (a, Err1), (e, Animal), (m, Animal), (a, MyList), (e, Err3), (1, Animal),
                      ("s", Animal), ([], MyList), (len, Animal)]:
    try:
        target.__class__ = value
        print("assigned", type(target).__name__)
    except TypeError as err:
        print("TypeError:", err)
try:
    del a.__class__
except TypeError as err:
    print("TypeError:", err)


class State:
    def describe(self):
        return "idle"

    def next(self):
        self.__class__ = Running


class Running(State):
    def describe(self):
        return "running"

    def next(self):
        self.__class__ = State


s = State()
for _ in range(3):
    print(s.describe())
    s.next()
