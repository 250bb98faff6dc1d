//! `#[derive(Trace)]` for gc-core. Use it through `gc_core::Trace`.
//!
//! The derive writes three things for a struct or enum:
//!
//! - `trace`, which reports every field (each under its name: `next`, or `0` for tuple
//!   fields) to the visitor, skipping fields marked `#[trace(skip)]`;
//! - `needs_tracking`, true when any field needs tracking (a `RefCell` that can hold a `Cc`,
//!   or a `Cc` to a tracked object), decided per value at `Cc::new`;
//! - `CAN_HOLD_CC`, whether any field type can ever hold a `Cc`. Recursive types (directly or
//!   through each other) must go through a heap indirection, so a field whose type names the
//!   type being derived, or puts anything but plain scalars and strings behind `Box`, `Vec`,
//!   `Option<Box<..>>`, a map, `Rc` or `Cc`, counts as `true` without asking its type. The
//!   constant therefore never refers back to itself, which would not compile. This is
//!   conservative (a `true` that could be `false` only tracks a value that needs no tracking)
//!   and never unsound. One case it cannot see: recursion hidden behind a type alias (`type Link
//!   = Option<Box<Node>>` used as a field of `Node`). Such a type compiles and works, but putting
//!   it inside a `RefCell` makes the compiler evaluate the constant, which then refers to itself
//!   (a "cycle detected" error). Spell the field type out, or wrap it in `Box<...>`, and it is
//!   seen.
//!
//! Every type parameter gets a `Trace` bound. Unions are refused.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::visit::Visit;
use syn::{parse_macro_input, Data, DeriveInput, Fields, Ident};

/// Derive `gc_core::Trace`. See the crate docs; `#[trace(skip)]` on a field that holds no `Cc`.
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

    let conservative = |f: &Field| mentions(&f.ty, name) || heap_indirection(&f.ty);
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
        // SAFETY: generated by #[derive(Trace)]: every field not marked #[trace(skip)] is traced
        // exactly once, through its own Trace impl.
        #[automatically_derived]
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
        let ty = &f.ty;
        let _ = ty;
        quote! {
            ::gc_core::Visitor::enter(v, ::gc_core::EdgeName::Field(#name));
            ::gc_core::Trace::trace(#binding, v);
            ::gc_core::Visitor::leave(v);
        }
    });
    quote!(#(#calls)*)
}

fn needs_fields(fields: &[Field]) -> TokenStream2 {
    let checks = fields.iter().map(|f| {
        let binding = &f.binding;
        quote!(::gc_core::Trace::needs_tracking(#binding))
    });
    quote!(false #(|| #checks)*)
}

/// Whether a type mentions `name` (or `Self`) anywhere, e.g. `Option<Box<Node>>` in `Node`.
fn mentions(ty: &syn::Type, name: &Ident) -> bool {
    struct Finder<'a> {
        name: &'a Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_ident(&mut self, ident: &'ast Ident) {
            if ident == self.name || ident == "Self" {
                self.found = true;
            }
        }
    }
    let mut finder = Finder { name, found: false };
    finder.visit_type(ty);
    finder.found
}

/// Heap indirections through which a type can refer to itself.
const INDIRECTIONS: &[&str] = &[
    "Box",
    "Vec",
    "VecDeque",
    "LinkedList",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "Rc",
    "Arc",
    "Cc",
];

/// Types that certainly hold no `Cc`.
const LEAVES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "bool", "char", "str", "String", "std", "string", "alloc",
];

/// Whether the type puts something other than plain leaves behind a heap indirection.
fn heap_indirection(ty: &syn::Type) -> bool {
    struct Finder {
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_path_segment(&mut self, seg: &'ast syn::PathSegment) {
            if INDIRECTIONS.iter().any(|i| seg.ident == i) {
                if let syn::PathArguments::AngleBracketed(args) = &seg.arguments {
                    for arg in &args.args {
                        if let syn::GenericArgument::Type(t) = arg {
                            if !leaf_only(t) {
                                self.found = true;
                            }
                        }
                    }
                }
            }
            syn::visit::visit_path_segment(self, seg);
        }
    }
    let mut finder = Finder { found: false };
    finder.visit_type(ty);
    finder.found
}

/// Whether every name in the type is a known leaf.
fn leaf_only(ty: &syn::Type) -> bool {
    struct Finder {
        other: bool,
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_ident(&mut self, ident: &'ast Ident) {
            if !LEAVES.iter().any(|l| ident == l) {
                self.other = true;
            }
        }
    }
    let mut finder = Finder { other: false };
    finder.visit_type(ty);
    !finder.other
}
