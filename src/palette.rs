//! The default theme's colours, read from the one place they are defined: the embedded
//! `theme/style.css`. Contrast checks (the accent colour, highlighted code) take their
//! backgrounds from here, so the CSS and the Rust can never disagree. A leaf module.

use std::sync::LazyLock;

/// The two colour schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// The light palette (`:root`).
    Light,
    /// The dark palette (`:root[data-theme="dark"]`).
    Dark,
}

impl Scheme {
    /// Both schemes, light first.
    pub const ALL: [Scheme; 2] = [Scheme::Light, Scheme::Dark];

    /// `light` or `dark`.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }
}

/// The default stylesheet, as embedded in the binary.
pub const STYLE_CSS: &str = include_str!("../theme/style.css");

struct Palettes {
    light: Vec<(String, [u8; 3])>,
    dark: Vec<(String, [u8; 3])>,
}

static PALETTES: LazyLock<Palettes> = LazyLock::new(|| Palettes {
    light: variables(block(STYLE_CSS, ":root {")),
    dark: variables(block(STYLE_CSS, ":root[data-theme=\"dark\"] {")),
});

/// The text of the CSS rule that starts with `selector`, up to its closing brace.
fn block<'a>(css: &'a str, selector: &str) -> &'a str {
    let Some(start) = css.find(selector) else { return "" };
    let rest = &css[start + selector.len()..];
    &rest[..rest.find('}').unwrap_or(rest.len())]
}

/// The `--name: #rrggbb` declarations of a rule.
fn variables(block: &str) -> Vec<(String, [u8; 3])> {
    block
        .split(';')
        .filter_map(|declaration| {
            let (name, value) = declaration.split_once(':')?;
            let name = name.trim().strip_prefix("--")?;
            Some((name.to_string(), parse_hex_colour(value.trim())?))
        })
        .collect()
}

/// A colour of the default theme (`bg`, `code-bg`, `accent`…) in one scheme.
pub fn colour(scheme: Scheme, name: &str) -> Option<[u8; 3]> {
    let palette = match scheme {
        Scheme::Light => &PALETTES.light,
        Scheme::Dark => &PALETTES.dark,
    };
    palette.iter().find(|(n, _)| n == name).map(|(_, rgb)| *rgb)
}

/// The page background of a scheme.
pub fn background(scheme: Scheme) -> [u8; 3] {
    let fallback = match scheme {
        Scheme::Light => [0xff, 0xff, 0xff],
        Scheme::Dark => [0, 0, 0],
    };
    colour(scheme, "bg").unwrap_or(fallback)
}

/// The background of code blocks in a scheme.
pub fn code_background(scheme: Scheme) -> [u8; 3] {
    colour(scheme, "code-bg").unwrap_or_else(|| background(scheme))
}

/// Parses `#rrggbb` into RGB channels.
pub fn parse_hex_colour(hex: &str) -> Option<[u8; 3]> {
    let digits = hex.strip_prefix('#')?;
    if digits.len() != 6 || !digits.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// `#rrggbb` of a colour.
pub fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// WCAG 2 contrast ratio between two colours.
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    fn luminance(rgb: [u8; 3]) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A dark-scheme accent derived from a light-scheme one: mixed with white, step by step,
/// until it reaches 4.5:1 on the dark background (links must pass WCAG AA).
pub fn derive_dark_accent(light: [u8; 3]) -> [u8; 3] {
    let dark_bg = background(Scheme::Dark);
    let mix = |c: u8, t: f64| (f64::from(c) + (255.0 - f64::from(c)) * t).round() as u8;
    (0..=20)
        .map(|step| {
            let t = f64::from(step) / 20.0;
            [mix(light[0], t), mix(light[1], t), mix(light[2], t)]
        })
        .find(|rgb| contrast_ratio(*rgb, dark_bg) >= 4.5)
        .unwrap_or([0xff, 0xff, 0xff])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_palettes_from_the_stylesheet() {
        assert_eq!(background(Scheme::Light), [0xff, 0xff, 0xff]);
        assert_eq!(background(Scheme::Dark), [0x16, 0x1b, 0x22]);
        assert_eq!(code_background(Scheme::Light), [0xf6, 0xf8, 0xfa]);
        assert_eq!(code_background(Scheme::Dark), [0x0d, 0x11, 0x17]);
        // The theme's own accents pass AA on their own backgrounds.
        for scheme in Scheme::ALL {
            let accent = colour(scheme, "accent").expect("the theme defines --accent");
            assert!(contrast_ratio(accent, background(scheme)) >= 4.5, "{scheme:?}");
        }
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        let grey = parse_hex_colour("#767676").unwrap();
        assert!((contrast_ratio(grey, [255, 255, 255]) - 4.54).abs() < 0.01);
    }

    #[test]
    fn a_derived_dark_accent_passes_on_the_dark_background() {
        for light in ["#1d5f8a", "#6f2da8", "#0b6e4f", "#b3261e", "#000000"] {
            let dark = derive_dark_accent(parse_hex_colour(light).unwrap());
            assert!(contrast_ratio(dark, background(Scheme::Dark)) >= 4.5, "{light}");
        }
    }
}
