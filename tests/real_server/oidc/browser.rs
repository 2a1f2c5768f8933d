//! Just enough of a browser to drive Keycloak's login pages over HTTP: cookies,
//! redirects (stopping at the app's redirect URI), and submitting the page's form.

pub struct Browser {
    http: reqwest::Client,
    /// Where the app would receive the redirect; never contacted.
    stop_at: String,
}

/// Where a navigation ended.
pub enum Page {
    /// A page from Keycloak (login form, consent, status), with its URL.
    Html { url: String, body: String },
    /// A redirect to the app: the full URL with `code`/`state` or `error`.
    Redirect(String),
}

impl Page {
    pub fn html(self) -> (String, String) {
        match self {
            Page::Html { url, body } => (url, body),
            Page::Redirect(to) => panic!("expected a page, got a redirect to {to}"),
        }
    }

    pub fn redirect(self) -> String {
        match self {
            Page::Redirect(to) => to,
            Page::Html { url, body } => panic!(
                "expected a redirect, got page {url}: {}",
                visible_text(&body)
            ),
        }
    }
}

impl Browser {
    pub fn new(stop_at: &str) -> Self {
        Browser {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            stop_at: stop_at.to_string(),
        }
    }

    pub async fn open(&self, url: &str) -> Page {
        let resp = self.http.get(url).send().await.unwrap();
        self.follow(url.to_string(), resp).await
    }

    /// Fill in and send the page's first form: its hidden inputs plus `fields`.
    pub async fn submit(&self, page_url: &str, html: &str, fields: &[(&str, &str)]) -> Page {
        let form_start = html.find("<form").expect("the page has a form");
        let form_tag = &html[form_start..form_start + html[form_start..].find('>').unwrap()];
        let action = unescape(&attr(form_tag, "action").expect("the form has an action"));
        let action = reqwest::Url::parse(page_url)
            .unwrap()
            .join(&action)
            .unwrap();
        let mut form: Vec<(String, String)> = inputs(&html[form_start..])
            .into_iter()
            .filter(|(_, _, kind)| kind == "hidden")
            .map(|(n, v, _)| (n, v))
            .collect();
        form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let resp = self
            .http
            .post(action.clone())
            .form(&form)
            .send()
            .await
            .unwrap();
        self.follow(action.to_string(), resp).await
    }

    async fn follow(&self, mut url: String, mut resp: reqwest::Response) -> Page {
        loop {
            if resp.status().is_redirection() {
                let location = resp.headers()["location"].to_str().unwrap();
                let next = reqwest::Url::parse(&url)
                    .unwrap()
                    .join(location)
                    .unwrap()
                    .to_string();
                if next.starts_with(&self.stop_at) {
                    return Page::Redirect(next);
                }
                url = next;
                resp = self.http.get(&url).send().await.unwrap();
                continue;
            }
            assert!(
                resp.status().is_success(),
                "{url} answered {}",
                resp.status()
            );
            return Page::Html {
                url,
                body: resp.text().await.unwrap(),
            };
        }
    }
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

/// `(name, value, type)` of every `<input>` in `html`.
fn inputs(html: &str) -> Vec<(String, String, String)> {
    html.match_indices("<input")
        .filter_map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>')?];
            Some((
                attr(tag, "name")?,
                unescape(&attr(tag, "value").unwrap_or_default()),
                attr(tag, "type").unwrap_or_default(),
            ))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The page's text without tags, for assertion messages.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A query parameter of a URL.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    reqwest::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}
