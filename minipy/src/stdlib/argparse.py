"""`argparse`, the common part of CPython's: `ArgumentParser` with positional and optional
arguments (actions store, store_const, store_true, store_false, append, append_const, count,
help, version; nargs None, N, '?', '*', '+'; type, choices, default, required, dest,
metavar), `parse_args`/`parse_known_args`, argument groups and mutually exclusive groups (as
plain groups), and CPython's usage, help and error texts for these. Subparsers, prefix
matching of long options and `fromfile_prefix_chars` are not supported."""

import sys

SUPPRESS = '==SUPPRESS=='
OPTIONAL = '?'
ZERO_OR_MORE = '*'
ONE_OR_MORE = '+'


class Namespace:
    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __repr__(self):
        items = ', '.join(f'{k}={v!r}' for k, v in vars(self).items())
        return f'Namespace({items})'

    def __eq__(self, other):
        if not isinstance(other, Namespace):
            return NotImplemented
        return vars(self) == vars(other)

    def __contains__(self, key):
        return key in vars(self)


class ArgumentError(Exception):
    def __init__(self, argument, message):
        self.argument_name = None if argument is None else _arg_name(argument)
        self.message = message

    def __str__(self):
        if self.argument_name is None:
            return self.message
        return f'argument {self.argument_name}: {self.message}'


class ArgumentTypeError(Exception):
    pass


class _Action:
    def __init__(self, option_strings, dest, action='store', nargs=None, const=None,
                 default=None, type=None, choices=None, required=False, help=None,
                 metavar=None, version=None):
        self.option_strings = option_strings
        self.dest = dest
        self.action = action
        self.nargs = nargs
        self.const = const
        self.default = default
        self.type = type
        self.choices = choices
        self.required = required
        self.help = help
        self.metavar = metavar
        self.version = version


def _arg_name(action):
    if action.option_strings:
        return '/'.join(action.option_strings)
    if action.metavar not in (None, SUPPRESS):
        return action.metavar
    return action.dest


class _Group:
    """An argument group: its actions are the parser's; only the help text groups them."""

    def __init__(self, parser, title=None, description=None):
        self._parser = parser
        self.title = title
        self.description = description
        self._actions = []

    def add_argument(self, *args, **kwargs):
        action = self._parser._add(args, kwargs)
        self._actions.append(action)
        return action

    def add_argument_group(self, title=None, description=None):
        return self._parser.add_argument_group(title, description)

    def add_mutually_exclusive_group(self, required=False):
        return self


class ArgumentParser:
    def __init__(self, prog=None, usage=None, description=None, epilog=None, parents=(),
                 formatter_class=None, prefix_chars='-', fromfile_prefix_chars=None,
                 argument_default=None, conflict_handler='error', add_help=True,
                 allow_abbrev=True, exit_on_error=True):
        if prog is None:
            import os.path
            prog = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else 'minipy'
        self.prog = prog
        self.usage = usage
        self.description = description
        self.epilog = epilog
        self.argument_default = argument_default
        self.exit_on_error = exit_on_error
        self._actions = []
        self._positionals = _Group(self, 'positional arguments')
        self._optionals = _Group(self, 'options')
        self._groups = [self._positionals, self._optionals]
        self._defaults = {}
        if add_help:
            self.add_argument('-h', '--help', action='help', default=SUPPRESS,
                              help='show this help message and exit')
        for parent in parents:
            for a in parent._actions:
                if a.action != 'help':
                    self._actions.append(a)
                    (self._optionals if a.option_strings else self._positionals)._actions.append(a)

    # ------------------------------------------------------------ building

    def add_argument(self, *args, **kwargs):
        action = self._add(args, kwargs)
        (self._optionals if action.option_strings else self._positionals)._actions.append(action)
        return action

    def _add(self, args, kwargs):
        if not args or (len(args) == 1 and args[0][:1] not in ('-',)):
            if not args:
                raise TypeError('add_argument() missing required argument: dest')
            if 'dest' in kwargs:
                raise ValueError('dest supplied twice for positional argument')
            dest = args[0]
            option_strings = []
            nargs = kwargs.get('nargs')
            kwargs.setdefault('required', nargs not in ('?', '*') or
                              (nargs == '*' and 'default' not in kwargs))
        else:
            option_strings = []
            long_name = None
            for a in args:
                if not a or a[0] != '-':
                    raise ValueError(f'invalid option string {a!r}: must start with a character {"-"!r}')
                option_strings.append(a)
                if long_name is None and a.startswith('--') and len(a) > 2:
                    long_name = a
            dest = kwargs.pop('dest', None)
            if dest is None:
                dest = (long_name or option_strings[0]).lstrip('-').replace('-', '_')
        kind = kwargs.pop('action', 'store')
        if kind in ('store_true', 'store_false'):
            kwargs.setdefault('default', kind == 'store_false')
            kwargs['const'] = kind == 'store_true'
            kwargs['nargs'] = 0
        elif kind in ('store_const', 'append_const', 'count', 'help', 'version'):
            kwargs['nargs'] = 0
        elif kind not in ('store', 'append'):
            raise ValueError(f'unknown action "{kind}"')
        if 'default' not in kwargs and self.argument_default is not None:
            kwargs['default'] = self.argument_default
        t = kwargs.get('type')
        if t is not None and not callable(t):
            raise ValueError(f'{t!r} is not callable')
        nargs = kwargs.get('nargs')
        if nargs == 0 and kind in ('store', 'append'):
            raise ValueError('nargs for store actions must be != 0; if you have nothing to '
                             'store, actions such as store true or store const may be more '
                             'appropriate')
        action = _Action(option_strings, dest, action=kind, **kwargs)
        self._actions.append(action)
        return action

    def add_argument_group(self, title=None, description=None):
        group = _Group(self, title, description)
        self._groups.append(group)
        return group

    def add_mutually_exclusive_group(self, required=False):
        return _Group(self)

    def set_defaults(self, **kwargs):
        self._defaults.update(kwargs)
        for a in self._actions:
            if a.dest in kwargs:
                a.default = kwargs[a.dest]

    def get_default(self, dest):
        for a in self._actions:
            if a.dest == dest and a.default is not None:
                return a.default
        return self._defaults.get(dest)

    # ------------------------------------------------------------ parsing

    def parse_args(self, args=None, namespace=None):
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error('unrecognized arguments: ' + ' '.join(extras))
        return ns

    def parse_known_args(self, args=None, namespace=None):
        args = list(sys.argv[1:] if args is None else args)
        ns = Namespace() if namespace is None else namespace
        for a in self._actions:
            if a.dest != SUPPRESS and not hasattr(ns, a.dest) and a.default != SUPPRESS:
                setattr(ns, a.dest, a.default)
        for k, v in self._defaults.items():
            if not hasattr(ns, k):
                setattr(ns, k, v)
        try:
            extras = self._parse(args, ns)
        except ArgumentError as err:
            self.error(str(err))
        return ns, extras

    def _option(self, s):
        for a in self._actions:
            if s in a.option_strings:
                return a
        return None

    def _looks_like_option(self, s):
        if not s or s[0] != '-' or s == '-':
            return False
        if self._option(s.split('=', 1)[0]) is not None:
            return True
        try:
            float(s)
        except ValueError:
            return True
        # A negative number is a value unless some option looks like one.
        return any(o[1:2].isdigit() for a in self._actions for o in a.option_strings)

    def _parse(self, args, ns):
        extras = []
        pending = []
        left = [a for a in self._actions if not a.option_strings]
        seen = set()
        i = 0
        only_positionals = False
        while i < len(args):
            s = args[i]
            i += 1
            if only_positionals:
                pending.append(s)
                continue
            if s == '--':
                only_positionals = True
                continue
            if not self._looks_like_option(s):
                pending.append(s)
                continue
            # As CPython: the positional strings before an option are matched now.
            if pending:
                self._consume_positionals(pending, left, ns, seen, extras)
                pending = []
            explicit = None
            name = s
            if s.startswith('--') and '=' in s:
                name, explicit = s.split('=', 1)
            action = self._option(name)
            if action is None and not s.startswith('--') and len(s) > 2:
                action = self._option(s[:2])
                if action is not None and action.nargs == 0:
                    # `-vq`: flags taking no value, one after another.
                    args.insert(i, '-' + s[2:])
                    name = s[:2]
                elif action is not None:
                    name, explicit = s[:2], s[2:]
            if action is None:
                extras.append(s)
                continue
            seen.add(action)
            if explicit is not None:
                if action.nargs == 0:
                    raise ArgumentError(action, f'ignored explicit argument {explicit!r}')
                values = [explicit]
            else:
                values = []
                want = action.nargs
                while i < len(args) and not self._looks_like_option(args[i]) and args[i] != '--':
                    if want is None and values:
                        break
                    if want == '?' and values:
                        break
                    if isinstance(want, int) and len(values) >= want:
                        break
                    values.append(args[i])
                    i += 1
            self._check_count(action, values)
            self._apply(action, values, ns)
        self._consume_positionals(pending, left, ns, seen, extras)
        missing = [_arg_name(a) for a in self._actions if a.required and a not in seen]
        if missing:
            raise ArgumentError(None, 'the following arguments are required: '
                                + ', '.join(missing))
        return extras

    def _consume_positionals(self, values, left, ns, seen, extras):
        """Matches the longest run of the positionals still `left` against the start of
        `values` (CPython's `match_partial`: greedy, so a '*' takes all it can), applies them
        and removes them from `left`; the values no positional took go to `extras`."""
        n = len(values)
        for k in range(len(left), 0, -1):
            counts = _match_counts(left[:k], n)
            if counts is None:
                continue
            at = 0
            for action, c in zip(left[:k], counts):
                seen.add(action)
                self._apply(action, values[at:at + c], ns)
                at += c
            del left[:k]
            extras.extend(values[at:])
            return
        extras.extend(values)

    def _check_count(self, action, values):
        n, want = len(values), action.nargs
        if want is None and n != 1:
            raise ArgumentError(action, 'expected one argument')
        if want == '+' and n == 0:
            raise ArgumentError(action, 'expected at least one argument')
        if want == '?' and n > 1:
            raise ArgumentError(action, 'expected at most one argument')
        if isinstance(want, int) and want > 0 and n != want:
            word = 'argument' if want == 1 else 'arguments'
            raise ArgumentError(action, f'expected {want} {word}')

    def _convert(self, action, s):
        t = action.type
        if t is None:
            v = s
        else:
            try:
                v = t(s)
            except ArgumentTypeError as e:
                raise ArgumentError(action, str(e))
            except (TypeError, ValueError):
                name = getattr(t, '__name__', repr(t))
                raise ArgumentError(action, f'invalid {name} value: {s!r}')
        if action.choices is not None and v not in action.choices:
            choices = ', '.join(repr(c) for c in action.choices)
            raise ArgumentError(action, f'invalid choice: {v!r} (choose from {choices})')
        return v

    def _apply(self, action, values, ns):
        kind = action.action
        if kind == 'help':
            self.print_help()
            self.exit()
        if kind == 'version':
            print(action.version)
            self.exit()
        if kind in ('store_true', 'store_false', 'store_const'):
            setattr(ns, action.dest, action.const)
            return
        if kind == 'append_const':
            items = list(getattr(ns, action.dest, None) or [])
            items.append(action.const)
            setattr(ns, action.dest, items)
            return
        if kind == 'count':
            setattr(ns, action.dest, (getattr(ns, action.dest, None) or 0) + 1)
            return
        if action.nargs is None:
            value = self._convert(action, values[0])
        elif action.nargs == '?':
            if values:
                value = self._convert(action, values[0])
            elif action.option_strings:
                value = action.const
            else:
                value = action.default
                if isinstance(value, str):
                    value = self._convert(action, value)
        elif not values and action.nargs == '*' and not action.option_strings:
            value = [] if action.default is None else action.default
        else:
            value = [self._convert(action, v) for v in values]
        if kind == 'append':
            items = list(getattr(ns, action.dest, None) or [])
            items.append(value)
            value = items
        setattr(ns, action.dest, value)

    # ------------------------------------------------------------ texts

    def _metavar(self, action):
        if action.metavar is not None:
            return action.metavar
        if action.choices is not None:
            return '{' + ','.join(str(c) for c in action.choices) + '}'
        return action.dest if not action.option_strings else action.dest.upper()

    def _args_text(self, action):
        m = self._metavar(action)
        n = action.nargs
        if n is None:
            return m
        if n == '?':
            return f'[{m}]'
        if n == '*':
            return f'[{m} ...]'
        if n == '+':
            return f'{m} [{m} ...]'
        if n == 0:
            return ''
        return ' '.join([m] * n)

    def _usage_part(self, action):
        if not action.option_strings:
            return self._args_text(action)
        part = action.option_strings[0]
        args = self._args_text(action)
        if args:
            part += ' ' + args
        return part if action.required else f'[{part}]'

    def format_usage(self):
        if self.usage is not None:
            return f'usage: {self.usage % dict(prog=self.prog)}\n'
        optionals = [self._usage_part(a) for a in self._actions
                     if a.option_strings and a.help != SUPPRESS]
        positionals = [self._usage_part(a) for a in self._actions
                       if not a.option_strings and a.help != SUPPRESS]
        optionals = [p for p in optionals if p]
        positionals = [p for p in positionals if p]
        prefix, prog = 'usage: ', self.prog
        text = ' '.join([prog] + optionals + positionals)
        width = _width()
        if len(prefix) + len(text) > width:
            # CPython's wrapping: options, then positionals, on lines indented under them.
            if len(prefix) + len(prog) <= 0.75 * width:
                indent = ' ' * (len(prefix) + len(prog) + 1)
                if optionals:
                    lines = _usage_lines([prog] + optionals, indent, width, prefix)
                    lines.extend(_usage_lines(positionals, indent, width))
                elif positionals:
                    lines = _usage_lines([prog] + positionals, indent, width, prefix)
                else:
                    lines = [prog]
            else:
                indent = ' ' * len(prefix)
                lines = _usage_lines(optionals + positionals, indent, width)
                lines = [prog] + lines
            text = '\n'.join(lines)
        return prefix + text + '\n'

    def _invocation(self, action):
        if not action.option_strings:
            return self._metavar(action)
        args = self._args_text(action)
        if not args:
            return ', '.join(action.option_strings)
        return ', '.join(f'{o} {args}' for o in action.option_strings)

    def format_help(self):
        width = _width()
        max_help = min(24, max(width - 20, 4))
        shown = [a for a in self._actions if a.help != SUPPRESS]
        longest = max([len(self._invocation(a)) + 2 for a in shown] or [0])
        help_pos = min(longest + 2, max_help)
        out = [self.format_usage()]
        if self.description:
            out.append('\n' + _fill(self.description, width, '') + '\n')
        for group in self._groups:
            actions = [a for a in group._actions if a.help != SUPPRESS]
            if not actions and group.description is None:
                continue
            out.append(f'\n{group.title}:\n')
            if group.description:
                out.append(_fill(group.description, width, '  ') + '\n\n')
            for a in actions:
                inv = '  ' + self._invocation(a)
                help_text = a.help
                if help_text and '%(' in help_text:
                    params = dict(vars(a), prog=self.prog)
                    if a.choices is not None:
                        params['choices'] = ', '.join(str(c) for c in a.choices)
                    help_text = help_text % params
                if not help_text:
                    out.append(inv + '\n')
                    continue
                lines = _wrap(help_text, max(width - help_pos, 11))
                if len(inv) <= help_pos - 2:
                    out.append(inv.ljust(help_pos) + lines[0] + '\n')
                else:
                    out.append(inv + '\n' + ' ' * help_pos + lines[0] + '\n')
                for line in lines[1:]:
                    out.append(' ' * help_pos + line + '\n')
        if self.epilog:
            out.append('\n' + _fill(self.epilog, width, '') + '\n')
        return ''.join(out)

    def print_usage(self, file=None):
        (sys.stdout if file is None else file).write(self.format_usage())

    def print_help(self, file=None):
        (sys.stdout if file is None else file).write(self.format_help())

    def exit(self, status=0, message=None):
        if message:
            sys.stderr.write(message)
        sys.exit(status)

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f'{self.prog}: error: {message}\n')


def _nargs_range(action):
    n = action.nargs
    if n is None:
        return 1, 1
    if isinstance(n, int):
        return n, n
    return {'?': (0, 1), '*': (0, None), '+': (1, None)}[n]


def _match_counts(actions, n):
    """How many of `n` strings each action takes when their patterns match a prefix of the
    strings, each as many as it can (a greedy regular expression), else None."""
    if not actions:
        return []
    lo, hi = _nargs_range(actions[0])
    rest_min = sum(_nargs_range(a)[0] for a in actions[1:])
    top = n - rest_min if hi is None else min(hi, n - rest_min)
    for c in range(top, lo - 1, -1):
        rest = _match_counts(actions[1:], n - c)
        if rest is not None:
            return [c] + rest
    return None


def _width():
    """The text width: `COLUMNS` (default 80) less 2, as CPython's formatter."""
    import os
    try:
        return int(os.environ['COLUMNS']) - 2
    except (KeyError, ValueError):
        return 78


def _usage_lines(parts, indent, width, prefix=None):
    lines = []
    line = []
    line_len = len(prefix) - 1 if prefix is not None else len(indent) - 1
    for part in parts:
        if line_len + 1 + len(part) > width and line:
            lines.append(indent + ' '.join(line))
            line = []
            line_len = len(indent) - 1
        line.append(part)
        line_len += len(part) + 1
    if line:
        lines.append(indent + ' '.join(line))
    if prefix is not None:
        lines[0] = lines[0][len(indent):]
    return lines


def _wrap(text, width):
    words = text.split()
    lines = []
    line = ''
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = w if not line else line + ' ' + w
    lines.append(line)
    return lines


def _fill(text, width, indent):
    return '\n'.join(indent + line for line in _wrap(text, width - len(indent)))
