//! `handle!` wraps a handle's public methods: it emits them as written and,
//! with the `blocking` feature, the same method on
//! [`crate::blocking::Blocking`]`<Handle>` — so the blocking facade is derived
//! from the async one and cannot drift from it.
//!
//! Two method shapes are mirrored: `pub async fn m(&self, args…) -> Result<T>`
//! becomes a blocking `fn m(&self, args…) -> Result<T>`, and
//! `pub fn m(&self, args…) -> H` (a sub-handle or a list) becomes
//! `fn m(&self, args…) -> Blocking<H>`. Anything else (constructors, helpers,
//! accessors returning references) stays in a plain `impl` block.

macro_rules! handle {
    (impl $t:ident { $($items:tt)* }) => {
        $crate::handle::handle!(@munch $t [] [] $($items)*);
    };
    (@munch $t:ident [$($a:tt)*] [$($b:tt)*]) => {
        impl $t { $($a)* }
        #[cfg(feature = "blocking")]
        impl $crate::blocking::Blocking<$t> { $($b)* }
    };
    (@munch $t:ident [$($a:tt)*] [$($b:tt)*]
        $(#[$m:meta])*
        pub async fn $name:ident(&$this:ident $(, $arg:ident: $aty:ty)* $(,)?) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::handle::handle!(@munch $t
            [$($a)* $(#[$m])* pub async fn $name(&$this $(, $arg: $aty)*) -> $ret $body]
            [$($b)*
                #[doc = concat!("[`", stringify!($t), "::", stringify!($name), "`], blocking until it completes.")]
                pub fn $name(&self $(, $arg: $aty)*) -> $ret {
                    self.run(self.inner.$name($($arg),*))
                }
            ]
            $($rest)*);
    };
    (@munch $t:ident [$($a:tt)*] [$($b:tt)*]
        $(#[$m:meta])*
        pub fn $name:ident(&$this:ident $(, $arg:ident: $aty:ty)* $(,)?) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::handle::handle!(@munch $t
            [$($a)* $(#[$m])* pub fn $name(&$this $(, $arg: $aty)*) -> $ret $body]
            [$($b)*
                #[doc = concat!("[`", stringify!($t), "::", stringify!($name), "`], as a blocking handle.")]
                pub fn $name(&self $(, $arg: $aty)*) -> $crate::blocking::Blocking<$ret> {
                    self.wrap(self.inner.$name($($arg),*))
                }
            ]
            $($rest)*);
    };
}

pub(crate) use handle;
