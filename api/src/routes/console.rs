//! The web console (`web/`, built into `api/assets/console/`), embedded in
//! the binary by `build.rs` and served at `/`, same origin as `/graphql`.
//! Files under `/assets/` carry a content hash in their names, so browsers
//! keep them for a year; everything else is revalidated. Any other path that
//! is not a file is one of the app's routes (a deep link): it gets the index.
//! Text files go out gzipped when the browser accepts it, compressed once at
//! build time.

use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};

/// Every file of the bundle: its path as served, its bytes, and the same
/// gzipped when it is text.
static FILES: &[Embedded] = include!(concat!(env!("OUT_DIR"), "/console_files.rs"));

/// A file's path as served, its bytes, and the same gzipped.
type Embedded = (&'static str, &'static [u8], Option<&'static [u8]>);

/// Scripts, styles and connections go to this server only. Ant Design sets
/// inline styles, which cannot load anything; the service worker and the
/// manifest are ours.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; \
     manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Paths the server answers itself: a miss under them is a 404, never the app.
/// `/reports/{id}.{format}` is the server's too, but `/reports/kpi` is a
/// console page: a missing path with a dot is never the app (below), so the
/// console keeps the rest of `/reports/` (and all of `/admin/`).
const SERVER_PATHS: [&str; 7] =
    ["/graphql", "/graphiql", "/exports", "/imports", "/healthz", "/readyz", "/metrics"];

/// What `path` is answered with.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    File(&'static Embedded),
    Index,
    NotFound,
}

fn answer(path: &str) -> Answer {
    if let Some(file) = FILES.iter().find(|(name, ..)| *name == path) {
        return Answer::File(file);
    }
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    let last = path.rsplit('/').next().unwrap_or_default();
    // A missing script or image must not be answered with HTML.
    if under("/assets") || last.contains('.') || SERVER_PATHS.iter().any(|prefix| under(prefix)) {
        Answer::NotFound
    } else {
        Answer::Index
    }
}

fn media_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether the request's `Accept-Encoding` takes gzip (and does not refuse it with `q=0`).
fn accepts_gzip(request: &HttpRequest) -> bool {
    let Some(accepted) = request.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    accepted.split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let refused = parts.any(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0));
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
}

/// A file's bytes as the request takes them: gzipped when it can.
fn body(request: &HttpRequest, file: &'static Embedded, mut response: HttpResponseBuilder) -> HttpResponse {
    let (_, raw, gzipped) = *file;
    if gzipped.is_some() {
        response.insert_header((header::VARY, "Accept-Encoding"));
    }
    match gzipped.filter(|_| accepts_gzip(request)) {
        Some(packed) => response.insert_header((header::CONTENT_ENCODING, "gzip")).body(packed),
        None => response.body(raw),
    }
}

fn index(request: &HttpRequest) -> HttpResponse {
    match FILES.iter().find(|(name, ..)| *name == "/index.html") {
        Some(file) => {
            let mut response = HttpResponse::Ok();
            response
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "no-cache"))
                .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_POLICY))
                .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .insert_header((header::REFERRER_POLICY, "same-origin"));
            body(request, file, response)
        }
        None => HttpResponse::ServiceUnavailable().content_type("text/plain; charset=utf-8").body(
            "The console is not built into this binary: run `npm --prefix web run build` and build again.",
        ),
    }
}

/// `GET /…` that no other route answered.
pub async fn serve(request: HttpRequest) -> HttpResponse {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return HttpResponse::NotFound().finish();
    }
    match answer(request.path()) {
        Answer::Index | Answer::File(("/index.html", ..)) => index(&request),
        Answer::File(file) => {
            let name = file.0;
            // The service worker and the manifest keep their names across
            // builds: revalidated like the index.
            let cache = if name.starts_with("/assets/") { IMMUTABLE } else { "no-cache" };
            let mut response = HttpResponse::Ok();
            response
                .content_type(media_type(name))
                .insert_header((header::CACHE_CONTROL, cache))
                .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
            body(&request, file, response)
        }
        Answer::NotFound => HttpResponse::NotFound().finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_routes_get_the_index_and_missing_files_do_not() {
        assert_eq!(answer("/"), Answer::Index);
        assert_eq!(answer("/tickets/42"), Answer::Index);
        assert_eq!(answer("/my/jobs"), Answer::Index);
        assert_eq!(answer("/assets/gone-123.js"), Answer::NotFound);
        assert_eq!(answer("/favicon.ico"), Answer::NotFound);
        assert_eq!(answer("/graphql/extra"), Answer::NotFound);
        assert_eq!(answer("/readyz/x"), Answer::NotFound);
        // The console's own pages under paths the server also uses.
        assert_eq!(answer("/reports/kpi"), Answer::Index);
        assert_eq!(answer("/admin/jobs"), Answer::Index);
        assert_eq!(answer("/reports/12.xlsx"), Answer::NotFound, "a stored report that is not there");
        assert_eq!(answer("/imports/units"), Answer::NotFound);
    }

    #[test]
    fn every_file_the_index_names_is_embedded() {
        let Some((_, index, _)) = FILES.iter().find(|(name, ..)| *name == "/index.html") else {
            panic!("the console bundle is embedded (npm --prefix web run build)");
        };
        let index = std::str::from_utf8(index).expect("the index is UTF-8");
        let named: Vec<&str> = index.split('"').filter(|part| part.starts_with("/assets/")).collect();
        assert!(!named.is_empty(), "the index loads its scripts from /assets/");
        for path in named {
            assert!(
                matches!(answer(path), Answer::File(..)),
                "{path} is named by the index but not embedded"
            );
        }
    }

    #[test]
    fn scripts_are_embedded_gzipped_and_gzip_is_sent_only_when_accepted() {
        use actix_web::test::TestRequest;
        let script = FILES.iter().find(|(name, ..)| name.ends_with(".js")).expect("a script");
        assert!(script.2.is_some_and(|packed| packed.len() < script.1.len()), "{} is gzipped", script.0);
        let asking = |accept: &str| {
            accepts_gzip(&TestRequest::default().insert_header(("accept-encoding", accept)).to_http_request())
        };
        assert!(asking("gzip, deflate, br, zstd"));
        assert!(asking("br;q=1.0, gzip;q=0.8"));
        assert!(asking("*"));
        assert!(!asking("br"));
        assert!(!asking("gzip;q=0, br"));
        assert!(!accepts_gzip(&TestRequest::default().to_http_request()));
    }

    #[test]
    fn media_types_follow_the_extension() {
        assert_eq!(media_type("/assets/index-abc.js"), "text/javascript; charset=utf-8");
        assert_eq!(media_type("/assets/index-abc.css"), "text/css; charset=utf-8");
        assert_eq!(media_type("/icon.svg"), "image/svg+xml");
    }
}
