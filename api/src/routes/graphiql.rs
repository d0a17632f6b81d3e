//! GraphiQL, the in-browser IDE on `GET /graphql`, served entirely from the
//! binary: the page and every file it loads (`api/assets/graphiql/`, React
//! and GraphiQL at pinned versions) are embedded at compile time and served
//! under `/graphiql/{tag}/`, so the page works on a closed network and
//! nothing is fetched from a CDN.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};

use crate::state::AppState;

/// The pinned `graphiql` package: `api/assets/graphiql/update.sh` fetches it.
pub const GRAPHIQL_VERSION: &str = "3.9.0";

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

/// Every file the page loads: its name under the assets' path, its media
/// type and its bytes.
const ASSETS: [(&str, &str, &[u8]); 6] = [
    (
        "react.production.min.js",
        JAVASCRIPT,
        include_bytes!("../../assets/graphiql/vendor/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        JAVASCRIPT,
        include_bytes!("../../assets/graphiql/vendor/react-dom.production.min.js"),
    ),
    ("graphiql.min.js", JAVASCRIPT, include_bytes!("../../assets/graphiql/vendor/graphiql.min.js")),
    ("graphiql.min.css", CSS, include_bytes!("../../assets/graphiql/vendor/graphiql.min.css")),
    ("start.js", JAVASCRIPT, include_bytes!("../../assets/graphiql/start.js")),
    ("page.css", CSS, include_bytes!("../../assets/graphiql/page.css")),
];

const PAGE_TEMPLATE: &str = include_str!("../../assets/graphiql/index.html");

/// Scripts, styles and connections (the socket too) go to this server only.
/// GraphiQL's fonts are data URLs inside its CSS; its components set some
/// inline styles, which cannot load anything.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     font-src data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// The assets never change under one path, so browsers keep them for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `3.9.0-<hash>`: GraphiQL's version for people, and a hash of every file
/// served (ours included), so that a changed file has a new path.
static TAG: LazyLock<String> = LazyLock::new(|| {
    let mut hash = Sha256::new();
    for (name, _, bytes) in ASSETS {
        hash.update(name.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let short: String = hash.finalize().iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("{GRAPHIQL_VERSION}-{short}")
});

static PAGE: LazyLock<String> =
    LazyLock::new(|| PAGE_TEMPLATE.replace("{assets}", &format!("/graphiql/{}", *TAG)));

/// The page (`GET /graphql` from a browser, when GraphiQL is enabled).
pub fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_POLICY))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(PAGE.as_str())
}

/// `GET /graphiql/{tag}/{file}`: one of the page's files, under the current
/// tag only (an old tag's file is gone, not silently another version).
pub async fn asset(path: web::Path<(String, String)>, state: web::Data<AppState>) -> HttpResponse {
    let (tag, file) = path.into_inner();
    if !state.settings.graphiql_enabled() || tag != *TAG {
        return HttpResponse::NotFound().finish();
    }
    match ASSETS.iter().find(|(name, ..)| *name == file) {
        Some((_, media_type, bytes)) => HttpResponse::Ok()
            .content_type(*media_type)
            .insert_header((header::CACHE_CONTROL, IMMUTABLE))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
            .body(*bytes),
        None => HttpResponse::NotFound().finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_every_asset_under_the_tagged_path_and_nothing_else() {
        let prefix = format!("/graphiql/{}/", *TAG);
        let referenced: Vec<&str> =
            PAGE.split(['"', '\'']).filter(|part| part.ends_with(".js") || part.ends_with(".css")).collect();
        let expected: Vec<String> = ASSETS.iter().map(|(name, ..)| format!("{prefix}{name}")).collect();
        assert_eq!(referenced.len(), expected.len(), "{referenced:?}");
        for path in &expected {
            assert!(referenced.contains(&path.as_str()), "{path} missing from the page");
        }
        assert!(!PAGE.contains("{assets}"));
    }

    #[test]
    fn the_version_is_the_one_update_sh_pins() {
        let script = include_str!("../../assets/graphiql/update.sh");
        assert!(
            script.lines().any(|line| line == format!("GRAPHIQL={GRAPHIQL_VERSION}")),
            "update.sh pins another graphiql"
        );
    }
}
