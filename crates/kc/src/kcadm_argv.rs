//! Two kcadm.sh spellings that collide with `kc`'s global flags, rewritten
//! before clap parses, so a script ports by changing the binary's name:
//! - `-o`/`--output` after `create`/`update`/`delete` is kcadm's "print the
//!   resource" (no value); kc's `-o FORMAT` stays when a format follows.
//! - `--username` after `set-password` names the target user (kc's global
//!   `--username` is who logs in).

use std::ffi::OsString;

const WRITES: [&str; 3] = ["create", "update", "delete"];
const FORMATS: [&str; 3] = ["table", "json", "jsonl"];
/// kc's global flags that take a value (skipped when looking for the command).
const VALUED: [&str; 10] = [
    "--profile",
    "--url",
    "--user-realm",
    "--username",
    "--password-file",
    "--client-id",
    "--ca-cert",
    "--config",
    "--output",
    "-o",
];

/// Where the command (the first positional argument) is.
fn command_at(args: &[OsString]) -> Option<usize> {
    let mut i = 1;
    while let Some(arg) = args.get(i) {
        let text = arg.to_str()?;
        if VALUED.contains(&text) {
            i += 2;
        } else if text.starts_with('-') {
            i += 1;
        } else {
            return Some(i);
        }
    }
    None
}

/// `args` with kcadm.sh's meanings made explicit (`--output-resource`,
/// `--target-username`); everything else untouched.
pub fn rewrite(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let args: Vec<OsString> = args.into_iter().collect();
    let Some(at) = command_at(&args).filter(|&i| {
        args[i]
            .to_str()
            .is_some_and(|a| WRITES.contains(&a) || a == "set-password")
    }) else {
        return args;
    };
    let is_write = args[at].to_str().is_some_and(|v| WRITES.contains(&v));
    let mut out: Vec<OsString> = args[..=at].to_vec();
    let mut rest = args[at + 1..].iter().peekable();
    while let Some(arg) = rest.next() {
        let text = arg.to_str().unwrap_or_default();
        if text == "--" {
            out.push(arg.clone());
            out.extend(rest.cloned());
            break;
        }
        let format_follows = rest
            .peek()
            .and_then(|n| n.to_str())
            .is_some_and(|n| FORMATS.contains(&n));
        if is_write && (text == "-o" || text == "--output") && !format_follows {
            out.push("--output-resource".into());
        } else if !is_write && text == "--username" {
            out.push("--target-username".into());
        } else if let (false, Some(v)) = (is_write, text.strip_prefix("--username=")) {
            out.push(format!("--target-username={v}").into());
        } else {
            out.push(arg.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    fn r(line: &str) -> String {
        let args = line.split(' ').map(Into::into);
        let out: Vec<String> = rewrite(args)
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect();
        out.join(" ")
    }

    #[test]
    fn kcadm_output_flag_after_a_write_prints_the_resource() {
        assert_eq!(
            r("kc create users -s username=a -o"),
            "kc create users -s username=a --output-resource"
        );
        assert_eq!(
            r("kc update users/1 --output -s a=b"),
            "kc update users/1 --output-resource -s a=b"
        );
        // kc's own `-o FORMAT` keeps its meaning.
        assert_eq!(r("kc create users -o json"), "kc create users -o json");
        assert_eq!(r("kc get users -o"), "kc get users -o");
        assert_eq!(r("kc users list -o json"), "kc users list -o json");
        assert_eq!(r("kc users create jane -o"), "kc users create jane -o");
        assert_eq!(
            r("kc -o json --url http://x create users -o"),
            "kc -o json --url http://x create users --output-resource"
        );
    }

    #[test]
    fn username_after_set_password_names_the_target() {
        assert_eq!(
            r("kc --username admin set-password --username jane -t"),
            "kc --username admin set-password --target-username jane -t"
        );
        assert_eq!(
            r("kc set-password --username=jane"),
            "kc set-password --target-username=jane"
        );
        assert_eq!(
            r("kc create users -s x=y -- -o"),
            "kc create users -s x=y -- -o"
        );
    }
}
