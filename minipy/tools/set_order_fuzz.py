# Writes a random program of set operations (seed = argv[1]) whose output depends on set
# iteration order, for comparing minipy with python3:
#   for s in $(seq 1 700); do python3 set_order_fuzz.py $s > p.py;
#     cmp <(python3 p.py 2>&1) <(minipy p.py 2>&1) || echo $s; done
# (tests/parity/set_order.py holds a few of them.) None is left out: its hash is its address.
import random, sys
seed = int(sys.argv[1]); r = random.Random(seed)
def val():
    k = r.random()
    if k < 0.6: return str(r.choice([r.randrange(-5, 40), r.randrange(0, 2000), r.randrange(-10**6, 10**6), 2**r.randrange(0, 70)]))
    if k < 0.75: return repr(r.choice([0.5, 1.5, -2.25, 3.0, 1e10, 0.1]))
    if k < 0.9: return "(%s, %s)" % (r.randrange(10), r.randrange(10))
    return r.choice(["True", "False"]) if r.random() < 0.3 else str(r.randrange(100))
def lit(n):
    return "{" + ", ".join(val() for _ in range(n)) + "}" if n else "set()"
lines = ["S = [set(), set(), set()]"]
for step in range(r.randrange(5, 40)):
    a = r.randrange(3); b = r.randrange(3)
    op = r.randrange(22)
    if op == 0: lines.append(f"S[{a}].add({val()})")
    elif op == 1: lines.append(f"S[{a}].discard({val()})")
    elif op == 2: lines.append(f"S[{a}] = {lit(r.randrange(0, 12))}")
    elif op == 3: lines.append(f"S[{a}] = set([{', '.join(val() for _ in range(r.randrange(0, 30)))}])")
    elif op == 4: lines.append(f"S[{a}].update(S[{b}])")
    elif op == 5: lines.append(f"S[{a}].update([{', '.join(val() for _ in range(r.randrange(0, 10)))}])")
    elif op == 6: lines.append(f"S[{a}] = S[{a}] | S[{b}]")
    elif op == 7: lines.append(f"S[{a}] = S[{a}] & S[{b}]")
    elif op == 8: lines.append(f"S[{a}] = S[{a}] - S[{b}]")
    elif op == 9: lines.append(f"S[{a}] = S[{a}] ^ S[{b}]")
    elif op == 10: lines.append(f"S[{a}] |= S[{b}]")
    elif op == 11: lines.append(f"S[{a}] &= S[{b}]")
    elif op == 12: lines.append(f"S[{a}] -= S[{b}]")
    elif op == 13: lines.append(f"S[{a}] ^= S[{b}]")
    elif op == 14: lines.append(f"S[{a}] = S[{b}].copy()")
    elif op == 15: lines.append(f"if S[{a}]: print('pop', S[{a}].pop())")
    elif op == 16: lines.append(f"S[{a}] = set(S[{b}])")
    elif op == 17: lines.append(f"S[{a}] = {{x * {r.randrange(1,7)} for x in range({r.randrange(0, 60)}) if x % {r.randrange(1,4)}}}")
    elif op == 18: lines.append(f"S[{a}] = set({{k: 1 for k in [{', '.join(val() for _ in range(r.randrange(0, 15)))}]}})")
    elif op == 19: lines.append(f"S[{a}].clear()")
    elif op == 20: lines.append(f"for _x in list(S[{a}])[:{r.randrange(0, 5)}]: S[{a}].remove(_x)")
    elif op == 21: lines.append(f"S[{a}] = S[{a}].union([{', '.join(val() for _ in range(r.randrange(0, 8)))}])")
    lines.append(f"print({step}, S[{a}], list(S[{b}]))")
print("\n".join(lines))
