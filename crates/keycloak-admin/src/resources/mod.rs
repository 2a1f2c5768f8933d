//! Resource handles: the Admin API as the domain reads, e.g.
//! `kc.realm("rep").users().search("john").stream()`.

pub(crate) mod admin_permissions;
pub(crate) mod authentication;
pub(crate) mod authorization;
pub(crate) mod client_policies;
pub(crate) mod client_scopes;
pub(crate) mod clients;
pub(crate) mod components;
pub(crate) mod events;
pub(crate) mod groups;
pub(crate) mod identity_providers;
pub(crate) mod organizations;
pub(crate) mod realms;
pub(crate) mod roles;
pub(crate) mod user_profile;
pub(crate) mod users;
pub(crate) mod workflows;

pub use admin_permissions::AdminPermissions;
pub use authentication::Authentication;
pub use authorization::{Authorization, NewPermission, NewPolicy, is_permitted};
pub use client_policies::ClientPolicies;
pub use client_scopes::ClientScopes;
pub use clients::{Clients, RegisteredClient, ServiceAccountClient};
pub use components::{ComponentFilters, ComponentQuery, Components};
pub use events::{AdminEventFilters, AdminEventQuery, EventFilters, EventQuery, Events};
pub use groups::{GroupFilters, GroupQuery, Groups};
pub use identity_providers::IdentityProviders;
pub use organizations::Organizations;
pub use realms::{RealmHandle, Realms};
pub use roles::{ClientRoles, RealmRoles, Roles};
pub use user_profile::{UnmanagedAttributes, UserProfile};
pub use users::{
    BRIEF_USER_PAGE_SIZE, MEMBER_PAGE_SIZE, USER_PAGE_SIZE, UserFilters, UserQuery, UserRoles,
    Users,
};
pub use workflows::Workflows;

/// Every list-like method of every handle, checked at compile time to have
/// the same four verbs (`page_size`, `stream`, `all`, `first_page`). A new
/// list-like method belongs here.
#[cfg(test)]
mod same_verbs_everywhere {
    use crate::error::Result;
    use crate::{Credentials, KeycloakAdmin, List};
    use futures_util::Stream;
    use std::future::Future;

    #[allow(clippy::type_complexity)]
    trait Verbs: Sized {
        type Item;
        fn verbs(
            self,
        ) -> (
            impl Stream<Item = Result<Self::Item>>,
            impl Future<Output = Result<Vec<Self::Item>>>,
            impl Future<Output = Result<Vec<Self::Item>>>,
        );
    }

    impl<T: serde::Serialize + Send + 'static, Q: Clone + Send + Sync + 'static> Verbs for List<T, Q> {
        type Item = T;
        fn verbs(
            self,
        ) -> (
            impl Stream<Item = Result<T>>,
            impl Future<Output = Result<Vec<T>>>,
            impl Future<Output = Result<Vec<T>>>,
        ) {
            let a = self.page_size(10);
            let (b, c) = (a.clone(), a.clone());
            (a.stream(), b.all(), c.first_page())
        }
    }

    fn check<L: Verbs>(list: L) -> usize {
        drop(list.verbs());
        1
    }

    #[test]
    fn every_list_like_method_has_the_same_four_verbs() {
        let kc = KeycloakAdmin::builder("http://127.0.0.1:9")
            .credentials(Credentials::bearer("t"))
            .build()
            .unwrap();
        let r = kc.realm("r");
        let checked = check(kc.realms().list())
            + check(r.users().list())
            + check(r.users().search("x"))
            + check(r.users().credentials("u"))
            + check(r.users().sessions("u"))
            + check(r.users().groups("u"))
            + check(r.groups().list())
            + check(r.groups().children("g"))
            + check(r.groups().members("g"))
            + check(r.roles().list())
            + check(r.roles().of_group("g"))
            + check(r.roles().composites("n"))
            + check(r.roles().effective_for_user("u"))
            + check(r.roles().available_for_user("u"))
            + check(r.roles().of_user("u"))
            + check(r.clients().list())
            + check(r.clients().sessions("c"))
            + check(r.clients().protocol_mappers("c"))
            + check(r.clients().roles("c").list())
            + check(r.clients().roles("c").effective_for_user("u"))
            + check(r.client_scopes().list())
            + check(r.identity_providers().list())
            + check(r.identity_providers().mappers("a"))
            + check(r.authentication().flows())
            + check(r.authentication().executions("f"))
            + check(r.authentication().required_actions())
            + check(r.components().list())
            + check(r.events().user_events())
            + check(r.events().admin_events())
            + check(r.roles().members("n"))
            + check(r.clients().roles("c").members("n"))
            + check(r.clients().roles("c").of_user("u"))
            + check(r.users().roles("u").realm())
            + check(r.users().roles("u").realm_effective())
            + check(r.users().roles("u").client("c"))
            + check(r.users().roles("u").client_effective("c"))
            + check(r.workflows().list())
            + check(r.organizations().list())
            + check(r.organizations().search("x"))
            + check(r.organizations().members("o"))
            + check(r.organizations().invitations("o"))
            + check(r.organizations().identity_providers("o"))
            + check(r.organizations().groups("o"))
            + check(r.organizations().subgroups("o", "g"))
            + check(r.organizations().group_members("o", "g"))
            + check(r.organizations().groups_of_member("o", "u"))
            + check(r.organizations().of_member("u"))
            + check(r.clients().authorization("c").resources())
            + check(r.clients().authorization("c").scopes())
            + check(r.clients().authorization("c").policies())
            + check(r.clients().authorization("c").permissions());
        assert_eq!(checked, 51);
    }
}
