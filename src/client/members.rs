//! The builders' member methods as the SDK generates them: the setter (`volume_id(…)`), its `set_`
//! form taking an `Option`, and the `get_` form, for the input builders, the fluent builders, the
//! waiter and the structures' builders in `types`. A leaf: it uses no other module.

/// Setters, getters and `set_` forms of a string member, as the SDK generates them.
macro_rules! string_member {
    ($field:ident, $set:ident, $get:ident, $doc:literal) => {
        #[doc = $doc]
        pub fn $field(mut self, input: impl Into<String>) -> Self {
            self.inner.$field = Some(input.into());
            self
        }
        #[doc = concat!("Sets or clears: ", $doc)]
        pub fn $set(mut self, input: Option<String>) -> Self {
            self.inner.$field = input;
            self
        }
        #[doc = concat!("The value set: ", $doc)]
        pub fn $get(&self) -> &Option<String> {
            &self.inner.$field
        }
    };
}

/// Appending setters, `set_` and getters of a list member.
macro_rules! list_member {
    ($field:ident, $set:ident, $get:ident, $item:ty, $into:ty, $doc:literal) => {
        #[doc = concat!("Appends to: ", $doc)]
        pub fn $field(mut self, input: $into) -> Self {
            self.inner
                .$field
                .get_or_insert_with(Vec::new)
                .push(input.into());
            self
        }
        #[doc = concat!("Sets or clears: ", $doc)]
        pub fn $set(mut self, input: Option<Vec<$item>>) -> Self {
            self.inner.$field = input;
            self
        }
        #[doc = concat!("The value set: ", $doc)]
        pub fn $get(&self) -> &Option<Vec<$item>> {
            &self.inner.$field
        }
    };
}

/// Setter, `set_` and getter of a member taken by value (numbers, booleans, enums).
macro_rules! value_member {
    ($field:ident, $set:ident, $get:ident, $t:ty, $doc:literal) => {
        #[doc = $doc]
        pub fn $field(mut self, input: $t) -> Self {
            self.inner.$field = Some(input);
            self
        }
        #[doc = concat!("Sets or clears: ", $doc)]
        pub fn $set(mut self, input: Option<$t>) -> Self {
            self.inner.$field = input;
            self
        }
        #[doc = concat!("The value set: ", $doc)]
        pub fn $get(&self) -> &Option<$t> {
            &self.inner.$field
        }
    };
}
pub(crate) use {list_member, string_member, value_member};
