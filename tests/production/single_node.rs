//! One Keycloak (start-dev) on PostgreSQL: the flows users run, with the
//! database itself as the judge — rows counted with SQL, not through the API
//! under test.

use futures_util::TryStreamExt;
use keycloak_admin::NewUser;
use keycloak_admin::types::UserRepresentation;
use keycloak_launcher::KeycloakServer;
use keycloak_testkit::Server;
use std::time::Duration;

async fn on_postgres() -> Server {
    Server::start(KeycloakServer::from_env().local().postgres())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Users of `realm` as the database holds them.
fn rows(server: &Server, realm: &str) -> usize {
    let pg = server.running().postgres().expect("started on PostgreSQL");
    let sql = format!(
        "select count(*) from user_entity u join realm r on u.realm_id = r.id \
         where r.name = '{realm}' and u.service_account_client_link is null"
    );
    pg.query(&sql)
        .unwrap_or_else(|e| panic!("{e}"))
        .parse()
        .unwrap()
}

#[tokio::test]
async fn on_postgresql_bulk_create_streams_and_crashes_keep_every_acknowledged_write() {
    let mut server = on_postgres().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name().to_string();
    let kc = server.admin();
    let users = kc.realm(&r).users();

    // Bulk create: every outcome true, the database's own count agrees.
    let outcomes = users.create_many(crate::people("pg", 400)).await.unwrap();
    crate::assert_all_created(&outcomes, 400);
    assert_eq!(rows(&server, &r), 400);

    // Streams: full and brief pages read every user once.
    let full: Vec<_> = users.list().stream().try_collect().await.unwrap();
    let brief: Vec<_> = users
        .list()
        .brief(true)
        .stream()
        .try_collect()
        .await
        .unwrap();
    for read in [&full, &brief] {
        let mut names: Vec<_> = read.iter().filter_map(|u| u.username.clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 400);
    }

    // CRUD, read back from the database too.
    let id = users
        .create(NewUser::new("crud").email("crud@example.com"))
        .await
        .unwrap();
    let mut jane = users.get(&id).await.unwrap();
    jane.first_name = Some("Jane".into());
    users.update(&id, jane).await.unwrap();
    assert_eq!(
        users.get(&id).await.unwrap().first_name.as_deref(),
        Some("Jane")
    );
    let pg = server.running().postgres().unwrap();
    let stored = pg
        .query(&format!(
            "select first_name from user_entity where id = '{id}'"
        ))
        .unwrap();
    assert_eq!(stored, "Jane");
    users.delete(&id).await.unwrap();
    assert_eq!(rows(&server, &r), 400);

    // A crash (SIGKILL) and restart: on PostgreSQL every write acknowledged
    // before it survives (the dev-file database may lose the last ones).
    let more: Vec<UserRepresentation> = (0..50)
        .map(|i| NewUser::new(format!("late{i:02}")).into())
        .collect();
    let outcomes = users.create_many(more).await.unwrap();
    assert!(outcomes.iter().all(|o| o.is_ok()));
    server
        .crash_and_restart(Duration::from_secs(240))
        .await
        .unwrap();
    let kc = server.admin();
    assert_eq!(kc.realm(&r).users().count().await.unwrap(), 450);
    assert_eq!(rows(&server, &r), 450);
}
