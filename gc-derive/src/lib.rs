//! `#[derive(Trace)]` for gc-core. Use it through `gc_core::Trace`; the derive's documentation
//! (also shown in gc-core's) says what it generates and which attributes it takes.
//!
//! How `CAN_HOLD_CC` is computed: a field whose type is made only of standard names (scalars,
//! `String`, `Vec`, `Option`, `Box`, `RefCell`, the maps, ...: the list `KNOWN` below)
//! contributes its type's constant; any other field (one naming a type of yours, a type
//! parameter or an alias) counts as `true` without asking its type. Recursive types, directly,
//! through each other or through an alias, therefore never make the constant refer back to
//! itself, which would not compile. This is conservative (a `true` that could be `false` only
//! lets a `RefCell` of the type track values that need no tracking; `Cc::new` still decides per
//! value) and never unsound.
//!
//! Every use of a field's `Trace` impl in the generated code is written
//! `<FieldType as ::gc_core::Trace>::...` and spanned at the field's type, so that a field whose
//! type is not `Trace` gets exactly one error, there.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{parse_macro_input, Data, DeriveInput, Fields, Ident};

/// Derives `gc_core::Trace`: reports every `Cc` the value owns to the collector, so that cycles
/// through it can be found and freed.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::{Cell, RefCell};
///
/// thread_local!(static DROPS: Cell<u32> = const { Cell::new(0) });
///
/// #[derive(Trace)]
/// struct Node {
///     name: String,
///     next: RefCell<Option<Cc<Node>>>,
/// }
///
/// impl Drop for Node {
///     fn drop(&mut self) {
///         DROPS.with(|d| d.set(d.get() + 1));
///     }
/// }
///
/// let a = Cc::new(Node { name: "a".into(), next: RefCell::new(None) });
/// let b = Cc::new(Node { name: "b".into(), next: RefCell::new(Some(a.clone())) });
/// *a.next.borrow_mut() = Some(b.clone()); // a -> b -> a
/// drop((a, b));
/// assert_eq!(DROPS.with(Cell::get), 0);   // the cycle keeps both alive...
/// assert_eq!(gc_core::collect(), 2);      // ...until the collector finds it
/// assert_eq!(DROPS.with(Cell::get), 2);
/// ```
///
/// # What is generated
///
/// For a struct or an enum, an unsafe `Trace` impl (the derive keeps the trait's safety contract,
/// so no `unsafe` is needed on your side) with:
///
/// - **`trace`**: every field not marked `#[trace(skip)]`, in declaration order, reported through
///   its own `Trace` impl under its name (`next`, or `0`, `1`, ... for tuple fields; the name is
///   what introspection shows in paths such as `next.children[3]`). For an enum, the fields of the
///   variant the value holds. A unit struct or a variant without fields reports nothing.
/// - **`needs_tracking`**: `true` when any traced field's `needs_tracking` is: a `RefCell`,
///   `Mutex`, `RwLock` or `OnceLock` whose contents can hold a `Cc`, or a `Cc` to an object that is
///   itself tracked. For an enum, only the variant the value holds counts. See
///   [Tracked and untracked values](#tracked-and-untracked-values).
/// - **`CAN_HOLD_CC`** and **`CAN_HOLD_WEAK`**: whether a value of the type can ever own a `Cc`
///   (a `Weak`). See [`CAN_HOLD_CC`](#can_hold_cc).
///
/// Unions are refused: the collector could not know which field is live.
///
/// # Attributes
///
/// There is one, on fields: **`#[trace(skip)]`**. A skipped field is not traced, its type need
/// not implement `Trace`, and it counts for nothing in `needs_tracking` and `CAN_HOLD_CC`. Use it
/// for a field that holds no `Cc`: a closure, a handle to something outside the heap, an
/// `Rc<T>` of a type the collector has no business with.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
/// use std::rc::Rc;
///
/// struct Config { verbose: bool } // not `Trace`
///
/// #[derive(Trace)]
/// struct Task {
///     #[trace(skip)]
///     run: Box<dyn Fn() -> u32>,
///     #[trace(skip)]
///     config: Rc<Config>,
///     next: RefCell<Option<Cc<Task>>>,
/// }
///
/// let config = Rc::new(Config { verbose: false });
/// let t = Cc::new(Task { run: Box::new(|| 7), config: config.clone(), next: RefCell::new(None) });
/// *t.next.borrow_mut() = Some(t.clone());
/// assert_eq!((t.run)(), 7);
/// assert!(!t.config.verbose);
/// drop(t);
/// assert_eq!(gc_core::collect(), 1);
/// assert_eq!(Rc::strong_count(&config), 1); // the skipped field was dropped with the task
/// ```
///
/// Skipping a field that *does* hold a `Cc` is not undefined behaviour, but the collector cannot
/// see that edge: the object it points at looks referenced from outside, and a cycle through the
/// field is never collected (it leaks, as an `Rc` cycle does).
///
/// `#[trace(...)]` on the type itself, or any other word than `skip`, is an error.
///
/// # Tracked and untracked values
///
/// `Cc::new` asks the value's `needs_tracking` once, and only tracked objects are ever examined
/// by the collector (and pay for it: 16 more bytes of list links). A value is left untracked when
/// it has no interior mutability that can hold a `Cc` and all its `Cc`s point at untracked
/// objects: such a value can only point at older objects, which can never point back, so it can
/// never be part of a cycle.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// enum Expr {
///     Num(f64),
///     Add(Cc<Expr>, Cc<Expr>),
///     Var { name: String, value: RefCell<Option<Cc<Expr>>> },
/// }
///
/// let one = Cc::new(Expr::Num(1.0));
/// let sum = Cc::new(Expr::Add(one.clone(), one.clone()));
/// assert!(!Cc::is_tracked(&one));
/// assert!(!Cc::is_tracked(&sum)); // immutable, and its children are untracked
///
/// let x = Cc::new(Expr::Var { name: "x".into(), value: RefCell::new(None) });
/// assert!(Cc::is_tracked(&x));    // the cell could later close a cycle
/// let uses_x = Cc::new(Expr::Add(x.clone(), one.clone()));
/// assert!(Cc::is_tracked(&uses_x)); // points at a tracked object
/// ```
///
/// # Enums
///
/// An enum is traced through the variant the value holds: its fields are reported under their
/// names (`Var { name, value }`) or positions (`Add(0, 1)`), and `needs_tracking` asks only
/// them, so values of one enum can be tracked or not depending on the variant (the `Expr`
/// example above: `Num` and `Add` of untracked operands are untracked, `Var` is tracked).
/// `CAN_HOLD_CC` and `CAN_HOLD_WEAK` are `true` if any field of any variant makes them so.
/// `#[trace(skip)]` works on the fields of variants as on struct fields:
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// enum Value {
///     Int(i64),
///     Native(#[trace(skip)] fn(i64) -> i64),
///     List(RefCell<Vec<Cc<Value>>>),
/// }
///
/// assert!(!Cc::is_tracked(&Cc::new(Value::Int(1))));
/// assert!(!Cc::is_tracked(&Cc::new(Value::Native(|x| x + 1))));
/// let list = Cc::new(Value::List(RefCell::new(vec![])));
/// assert!(Cc::is_tracked(&list));
/// if let Value::List(items) = &*list {
///     items.borrow_mut().push(list.clone()); // a list that contains itself
/// }
/// drop(list);
/// assert_eq!(gc_core::collect(), 1);
/// ```
///
/// # `CAN_HOLD_CC`
///
/// `CAN_HOLD_CC` tells containers whether a type can ever own a `Cc`. It matters in two places:
///
/// - a `RefCell<T>` (or `Mutex<T>`, ...) is tracked only if `T::CAN_HOLD_CC`: a cell of a type
///   that can never hold a `Cc` cannot close a cycle;
/// - an `Rc<T>` or `rc::Weak<T>` field is refused when `T::CAN_HOLD_CC` (see
///   [`Rc` fields](#rc-and-arc-fields)).
///
/// The derive's constant is `true` if any traced field's type can hold one. It asks a field's type
/// only when that type is made of standard names alone (`u32`, `String`, `Vec`, `Option`, `Box`,
/// `RefCell`, `HashMap`, ...). A field that names a type of yours, a type parameter or an alias
/// counts as `true` without asking (this is what lets recursive types compile). So the constant
/// can be `true` for a type that can never hold a `Cc`. That costs nothing but some tracking that
/// was not needed, never correctness:
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct Point { x: f64, y: f64 }        // standard names only
///
/// #[derive(Trace)]
/// struct Polygon { points: Vec<Point> }  // names a type of yours
///
/// assert!(!<Point as Trace>::CAN_HOLD_CC);
/// assert!(<Polygon as Trace>::CAN_HOLD_CC); // conservative
/// assert!(!Cc::is_tracked(&Cc::new(RefCell::new(Point { x: 0.0, y: 0.0 }))));
/// assert!(Cc::is_tracked(&Cc::new(RefCell::new(Polygon { points: vec![] }))));
/// ```
///
/// # Generics
///
/// Every type parameter gets a `Trace` bound on the impl, in addition to its own bounds and the
/// type's `where` clause: `struct Pair<T: Clone> { .. }` gets an impl with
/// `<T: Clone + Trace>`, for `Pair<T>`. No bound is added for field types or const
/// parameters. A field of a type-parameter type counts as `true` in `CAN_HOLD_CC`; whether a value
/// needs tracking is still decided by what it holds:
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct Pair<T> { left: T, right: T }
///
/// let ints = Cc::new(Pair { left: 1, right: 2 });
/// assert!(!Cc::is_tracked(&ints));
/// let cells = Cc::new(Pair { left: RefCell::new(None::<Cc<u8>>), right: RefCell::new(None) });
/// assert!(Cc::is_tracked(&cells));
/// ```
///
/// # `'static`
///
/// A `Cc<T>` needs `T: 'static`, so the derive refuses a type with a lifetime parameter, with an
/// error that says so. Store owned data instead: `String` rather than `&'a str`, a `Box<T>` or a
/// `Cc<T>` rather than a `&'a T`. A `&'static T` field is accepted when `T: Trace`; it is not
/// traced, since a reference does not own what it points at.
///
/// ```compile_fail
/// use gc_core::Trace;
///
/// #[derive(Trace)] // error: #[derive(Trace)] needs a 'static type
/// struct Name<'a> { text: &'a str }
/// ```
///
/// ```
/// use gc_core::{Cc, Trace};
///
/// #[derive(Trace)]
/// struct Name { text: &'static str, owned: String }
///
/// let n = Cc::new(Name { text: "static", owned: "owned".into() });
/// assert!(!Cc::is_tracked(&n));
/// ```
///
/// # `Rc` and `Arc` fields
///
/// The collector cannot see what an `Rc` points at (it may be shared, so it is owned by no single
/// value), and would take a `Cc` behind it for one referenced from outside: a cycle through an
/// `Rc` would never be collected. So `Rc<T>` and `rc::Weak<T>` are `Trace` only for a `T` that can
/// never hold a `Cc` (`T::CAN_HOLD_CC` is `false`: `Rc<str>`, `Rc<RefCell<Vec<u8>>>`, ...). For
/// any other `T`, building a program that puts the type in a `Cc` fails with an error that says
/// "Use `Cc<T>` for shared ownership of values that hold `Cc`s". The check runs when the code is
/// compiled to machine code (`cargo build`, `cargo test`), not under `cargo check`. If `T` holds
/// no `Cc` and only its conservative `CAN_HOLD_CC` is `true`, mark the field `#[trace(skip)]`.
///
/// ```compile_fail
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
/// use std::rc::Rc;
///
/// #[derive(Trace)]
/// struct Node {
///     next: RefCell<Option<Cc<Node>>>,
///     shared: Option<Rc<RefCell<Node>>>, // error when built: use `Cc<T>`
/// }
///
/// let _ = Cc::new(Node { next: RefCell::new(None), shared: None });
/// ```
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
/// use std::rc::Rc;
///
/// #[derive(Trace)]
/// struct Node {
///     label: Rc<str>,                         // can never hold a `Cc`: accepted
///     next: RefCell<Option<Cc<Node>>>,
///     shared: RefCell<Option<Cc<Node>>>,      // shared ownership of a `Node`: a `Cc`
/// }
///
/// let a = Cc::new(Node { label: "a".into(), next: RefCell::new(None), shared: RefCell::new(None) });
/// *a.shared.borrow_mut() = Some(a.clone());
/// drop(a);
/// assert_eq!(gc_core::collect(), 1);
/// ```
///
/// An `Arc<T>` field is `Trace` for every `T` and reports nothing: a `Cc` behind an `Arc` is
/// treated as referenced from outside, and a cycle through an `Arc` leaks, as with `Arc` alone.
/// (The thread-safe heap, `gc_core::sync`, relies on this: there a handle behind a shared `Arc`
/// must not be reported.)
///
/// # Errors
///
/// A field whose type is not `Trace` is reported once, at the field's type, with a note naming
/// the two ways out: derive `Trace` for that type, or mark the field `#[trace(skip)]`.
///
/// ```compile_fail
/// use gc_core::Trace;
///
/// struct Meta;
///
/// #[derive(Trace)]
/// struct Node { meta: Meta } // error: `Meta` does not implement `Trace`
/// ```
#[proc_macro_derive(Trace, attributes(trace))]
pub fn derive_trace(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(&input) {
        Ok(tokens) => tokens.into(),
        Err(err) => err.to_compile_error().into(),
    }
}

/// One field to trace: how to bind it in a pattern, its edge name, its type.
struct Field {
    binding: Ident,
    member: TokenStream2,
    name: String,
    ty: syn::Type,
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    for attr in &input.attrs {
        if attr.path().is_ident("trace") {
            return Err(syn::Error::new_spanned(
                attr,
                "#[trace(...)] goes on fields: #[trace(skip)] for a field that holds no Cc",
            ));
        }
    }
    if let Some(lt) = input.generics.lifetimes().next() {
        return Err(syn::Error::new_spanned(
            &lt.lifetime,
            "#[derive(Trace)] needs a 'static type: `Cc<T>` requires `T: 'static`, so a type \
             with a lifetime parameter can never be put in a `Cc`. Store owned data instead \
             (`String` for `&'a str`, `Box<T>` or `Cc<T>` for `&'a T`); a `&'static T` field \
             is fine",
        ));
    }
    let name = &input.ident;
    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param.bounds.push(syn::parse_quote!(::gc_core::Trace));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let mut all_fields = Vec::new();
    let (trace_body, needs_body) = match &input.data {
        Data::Struct(data) => {
            let fields = traced_fields(&data.fields)?;
            let pattern = pattern(quote!(#name), &data.fields, &fields);
            let trace = trace_fields(&fields);
            let needs = needs_fields(&fields);
            all_fields.extend(fields);
            (
                quote! { match self { #pattern => { #trace } } },
                quote! { match self { #pattern => { #needs } } },
            )
        }
        Data::Enum(data) => {
            let mut trace_arms = Vec::new();
            let mut needs_arms = Vec::new();
            for variant in &data.variants {
                let vname = &variant.ident;
                let fields = traced_fields(&variant.fields)?;
                let pattern = pattern(quote!(#name::#vname), &variant.fields, &fields);
                let trace = trace_fields(&fields);
                let needs = needs_fields(&fields);
                trace_arms.push(quote! { #pattern => { #trace } });
                needs_arms.push(quote! { #pattern => { #needs } });
                all_fields.extend(fields);
            }
            (
                quote! { match self { #(#trace_arms)* } },
                quote! { match self { #(#needs_arms)* } },
            )
        }
        Data::Union(u) => {
            return Err(syn::Error::new_spanned(
                u.union_token,
                "Trace cannot be derived for a union: the collector cannot know which field is live",
            ));
        }
    };

    let conservative = |f: &Field| !known_only(&f.ty);
    let _ = name;
    let can_hold = all_fields.iter().map(|f| {
        let ty = &f.ty;
        if conservative(f) {
            quote!(true)
        } else {
            quote!(<#ty as ::gc_core::Trace>::CAN_HOLD_CC)
        }
    });
    let can_hold_weak = all_fields.iter().map(|f| {
        let ty = &f.ty;
        if conservative(f) {
            quote!(true)
        } else {
            quote!(<#ty as ::gc_core::Trace>::CAN_HOLD_WEAK)
        }
    });

    Ok(quote! {
        #[automatically_derived]
        // Generated by #[derive(Trace)].
        // SAFETY: every field not marked #[trace(skip)] is traced once, through its own impl.
        unsafe impl #impl_generics ::gc_core::Trace for #name #ty_generics #where_clause {
            const CAN_HOLD_CC: bool = false #(|| #can_hold)*;
            const CAN_HOLD_WEAK: bool = false #(|| #can_hold_weak)*;

            #[inline]
            #[allow(unused_variables)]
            fn trace<V: ::gc_core::Visitor>(&self, v: &mut V) {
                #trace_body
            }

            #[inline]
            #[allow(unused_variables)]
            fn needs_tracking(&self) -> bool {
                #needs_body
            }
        }
    })
}

/// The fields to trace, or an error for a malformed `#[trace(...)]`.
fn traced_fields(fields: &Fields) -> syn::Result<Vec<Field>> {
    let mut out = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let mut skip = false;
        for attr in &field.attrs {
            if !attr.path().is_ident("trace") {
                continue;
            }
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("skip") {
                    skip = true;
                    Ok(())
                } else {
                    Err(meta.error("unknown trace attribute: the only one is #[trace(skip)]"))
                }
            })?;
        }
        if skip {
            continue;
        }
        let (member, name) = match &field.ident {
            Some(ident) => (quote!(#ident), ident.to_string()),
            None => {
                let index = syn::Index::from(i);
                (quote!(#index), i.to_string())
            }
        };
        out.push(Field {
            binding: format_ident!("__field_{}", i),
            member,
            name,
            ty: field.ty.clone(),
        });
    }
    Ok(out)
}

/// A pattern binding the traced fields by reference and ignoring the rest.
fn pattern(path: TokenStream2, fields: &Fields, traced: &[Field]) -> TokenStream2 {
    let binds = traced.iter().map(|f| {
        let member = &f.member;
        let binding = &f.binding;
        quote!(#member: #binding)
    });
    match fields {
        Fields::Unit => quote!(#path),
        _ => quote!(#path { #(#binds,)* .. }),
    }
}

fn trace_fields(fields: &[Field]) -> TokenStream2 {
    let calls = fields.iter().map(|f| {
        let binding = &f.binding;
        let name = &f.name;
        let call = field_call(f, quote!(trace), quote!(#binding, v));
        quote! {
            ::gc_core::Visitor::enter(v, ::gc_core::EdgeName::Field(#name));
            #call;
            ::gc_core::Visitor::leave(v);
        }
    });
    quote!(#(#calls)*)
}

fn needs_fields(fields: &[Field]) -> TokenStream2 {
    let checks = fields.iter().map(|f| {
        let binding = &f.binding;
        field_call(f, quote!(needs_tracking), quote!(#binding))
    });
    quote!(false #(|| #checks)*)
}

/// `<FieldTy as Trace>::method(args)`, spanned at the field's type.
///
/// Every use of a field's `Trace` impl is written this one way, with the same span, so a field
/// whose type is not `Trace` gets one error, at its type: rustc reports the same error at the
/// same place once, not once per generated method.
fn field_call(f: &Field, method: TokenStream2, args: TokenStream2) -> TokenStream2 {
    let ty = &f.ty;
    let span = ty.span();
    quote_spanned!(span=> <#ty as ::gc_core::Trace>::#method(#args))
}

/// Names of the standard library the derive may ask about: types whose `Trace` impls are
/// gc-core's own and never recurse into a user type except through their parameters, which are
/// checked too.
const KNOWN: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f32",
    "f64",
    "bool",
    "char",
    "str",
    "String",
    "Box",
    "Vec",
    "VecDeque",
    "Option",
    "Result",
    "Cell",
    "RefCell",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "PathBuf",
    "Duration",
    "Instant",
    "PhantomData",
    "std",
    "core",
    "alloc",
    "collections",
    "cell",
    "boxed",
    "vec",
    "string",
    "option",
    "result",
    "time",
    "path",
    "marker",
];

/// Whether every name in the type is a known standard one (so its `CAN_HOLD_CC` can be asked
/// without any risk of the constant referring back to the type being derived).
fn known_only(ty: &syn::Type) -> bool {
    struct Finder {
        other: bool,
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_ident(&mut self, ident: &'ast Ident) {
            if !KNOWN.iter().any(|k| ident == k) {
                self.other = true;
            }
        }
        fn visit_lifetime(&mut self, _: &'ast syn::Lifetime) {}
    }
    let mut finder = Finder { other: false };
    finder.visit_type(ty);
    !finder.other
}
