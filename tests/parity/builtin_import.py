# __import__: the top package of a dotted name, or the last module with fromlist; errors.
m = __import__("math")
print(m.sqrt(4), __import__("os.path").__name__, __import__("os.path", fromlist=["join"]).__name__)
print(__import__("collections", globals(), locals(), [], 0).__name__)
for e in ["__import__(5)", "__import__('')", "__import__('nosuchmod_x')", "__import__()"]:
    try:
        print(eval(e))
    except Exception as ex:
        print(e, type(ex).__name__, ex)
