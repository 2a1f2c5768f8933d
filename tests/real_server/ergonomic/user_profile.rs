//! The user profile drops undeclared attributes without a word; the handles
//! say so, and the profile handle makes them stick.

use crate::server;
use keycloak_admin::{Attributes, NewUser, UnmanagedAttributes};

#[tokio::test]
async fn dropped_attributes_are_reported_then_kept_once_declared_or_unmanaged_is_on() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let realm = kc.realm(realm.name());
    let users = realm.users();
    let profile = realm.user_profile();

    // Default profile: `dept` is not declared and unmanaged attributes are off.
    let err = users
        .create(NewUser::new("jane").attribute("dept", ["ops"]))
        .await
        .unwrap_err();
    assert_eq!(
        err.dropped_attributes(),
        Some(&["dept".to_string()][..]),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("was saved without attribute(s) dept"),
        "{err}"
    );
    // The user exists, without the attribute: the server decided, we only told.
    let jane = users
        .get(&users.id_by_username("jane").await.unwrap())
        .await
        .unwrap();
    assert_eq!(jane.attribute("dept"), None);
    assert_eq!(users.count().await.unwrap(), 1);

    // An update that sends it is reported the same way.
    let id = jane.id.clone().unwrap();
    let mut change = jane.clone();
    change.attributes = Some([("dept".to_string(), vec!["ops".to_string()])].into());
    let err = users.update(&id, change.clone()).await.unwrap_err();
    assert_eq!(
        err.dropped_attributes(),
        Some(&["dept".to_string()][..]),
        "{err:?}"
    );

    // Declared: kept.
    assert!(profile.declare("dept").await.unwrap());
    assert!(!profile.declare("dept").await.unwrap(), "declared once");
    users.update(&id, change).await.unwrap();
    assert_eq!(users.get(&id).await.unwrap().attribute("dept"), Some("ops"));

    // Unmanaged attributes on: anything is kept.
    profile
        .set_unmanaged_attributes(UnmanagedAttributes::Enabled)
        .await
        .unwrap();
    let policy = profile.get().await.unwrap().unmanaged_attribute_policy;
    assert_eq!(policy.map(|p| p.0).as_deref(), Some("ENABLED"));
    let bob = users
        .create(NewUser::new("bob").attribute("shoe-size", ["44"]))
        .await
        .unwrap();
    assert_eq!(
        users.get(&bob).await.unwrap().attribute("shoe-size"),
        Some("44")
    );

    // And off again: dropped again.
    profile
        .set_unmanaged_attributes(UnmanagedAttributes::Disabled)
        .await
        .unwrap();
    let err = users
        .create(NewUser::new("carol").attribute("shoe-size", ["38"]))
        .await
        .unwrap_err();
    assert_eq!(
        err.dropped_attributes(),
        Some(&["shoe-size".to_string()][..])
    );
}
