//! `#[derive(Trace)]` for gc-core. Use it through `gc_core::Trace`.
//!
//! The derive writes three things for a struct or enum:
//!
//! - `trace`, which reports every field (each under its name: `next`, or `0` for tuple
//!   fields) to the visitor, skipping fields marked `#[trace(skip)]`;
//! - `needs_tracking`, true when any field needs tracking (a `RefCell` that can hold a `Cc`,
//!   or a `Cc` to a tracked object), decided per value at `Cc::new`;
//! - `CAN_HOLD_CC`, whether any field type can ever hold a `Cc`. A field whose type is made only
//!   of standard names (scalars, `String`, `Vec`, `Option`, `Box`, `RefCell`, the maps, ...)
//!   contributes its type's constant; any other field (one naming a type of yours, a type
//!   parameter or an alias) counts as `true` without asking its type. Recursive types, directly,
//!   through each other or through an alias, therefore never make the constant refer back to
//!   itself, which would not compile. This is conservative (a `true` that could be `false` only
//!   lets a `RefCell` of the type track values that need no tracking; `Cc::new` still decides per
//!   value) and never unsound.
//!
//! Every type parameter gets a `Trace` bound. Unions are refused.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
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
