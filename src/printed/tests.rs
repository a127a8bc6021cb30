//! The reader on each form it must know, in the three languages; the round
//! trips over the whole range are in `tests/printed/` (generated once).

use super::*;

fn one(text: &str, lang: Lang) -> Option<(String, Bound, bool)> {
    read(text, lang).map(|p| (p.value.to_string(), p.bound, p.percent))
}

fn value(text: &str, lang: Lang) -> Option<String> {
    read(text, lang).map(|p| p.value.to_string())
}

#[test]
fn the_dgsn_article_forms() {
    use Lang::Ar;
    let cases: &[(&str, &str)] = &[
        ("أربعة ملايين و696 ألفا و69", "4696069"),
        ("مليون و197 ألفا و335", "1197335"),
        ("مليونين و120 ألف", "2120000"),
        ("7 آلاف و513", "7513"),
        ("500 ألف و550", "500550"),
        ("130 ألفا و242", "130242"),
        ("219 ألفا و408", "219408"),
        ("3,449,678", "3449678"),
        ("1,246,391", "1246391"),
        ("15.452", "15452"),
        ("2.956 مؤسسة", "2956"),
        ("10.000 درهم", "10000"),
        ("أربعة عشر طفلا", "14"),
        ("أربع دوائر للشرطة جديدة", "4"),
        ("بست مصالحي جديدة", "6"),
        ("خمس سنوات", "5"),
        ("ثلاث فرق", "3"),
        ("النسخة الخامسة", "5"),
        ("340 في 2017", "340"),
        ("288 بيان حقيقة في 2018", "288"),
        ("1263 عقوبة تأديبية", "1263"),
        ("25 مليون", "25000000"),
    ];
    for (text, want) in cases {
        assert_eq!(value(text, Ar).as_deref(), Some(*want), "{text}");
    }
}

#[test]
fn bounds_and_percentages() {
    use Lang::*;
    let cases: &[(&str, Lang, &str, Bound, bool)] = &[
        ("أكثر من 4300", Ar, "4300", Bound::MoreThan, false),
        ("أكثر من 25 مليون", Ar, "25000000", Bound::MoreThan, false),
        ("في حدود 20 ألف درهم", Ar, "20000", Bound::UpTo, false),
        ("حوالي 50 في المائة", Ar, "50", Bound::About, true),
        ("قرابة 300", Ar, "300", Bound::Nearly, false),
        ("أزيد من 1500", Ar, "1500", Bound::MoreThan, false),
        ("32 في المائة", Ar, "32", Bound::Exact, true),
        ("50 بالمائة", Ar, "50", Bound::Exact, true),
        ("31.7%", Ar, "31.7", Bound::Exact, true),
        ("٪٥٠", Ar, "", Bound::Exact, false),
        ("plus de 4 300", Fr, "4300", Bound::MoreThan, false),
        ("jusqu'à 20 000 dirhams", Fr, "20000", Bound::UpTo, false),
        ("environ 12,5 %", Fr, "12.5", Bound::About, true),
        ("près de 3 000", Fr, "3000", Bound::About, false),
        ("au moins 60", Fr, "60", Bound::AtLeast, false),
        ("32 pour cent", Fr, "32", Bound::Exact, true),
        ("more than 4,300", En, "4300", Bound::MoreThan, false),
        ("up to 20,000", En, "20000", Bound::UpTo, false),
        ("about 12.5%", En, "12.5", Bound::About, true),
        ("nearly 50 per cent", En, "50", Bound::Nearly, true),
        ("at least 60", En, "60", Bound::AtLeast, false),
        ("over 1.2 billion", En, "1200000000", Bound::MoreThan, false),
    ];
    for (text, lang, want, bound, pct) in cases {
        let got = one(text, *lang);
        if want.is_empty() {
            // A per-cent sign before the digits is not read as this figure's.
            assert!(got.is_none_or(|(_, _, p)| !p), "{text}");
            continue;
        }
        assert_eq!(got, Some((want.to_string(), *bound, *pct)), "{text}");
    }
}

#[test]
fn words_in_french_and_english() {
    use Lang::*;
    let cases: &[(&str, Lang, &str)] = &[
        ("quatre-vingt-seize", Fr, "96"),
        ("deux millions", Fr, "2000000"),
        ("2,5 millions", Fr, "2500000"),
        ("un million de cartes", Fr, "1000000"),
        ("trois cents", Fr, "300"),
        ("vingt et un", Fr, "21"),
        ("1,2 milliard", Fr, "1200000000"),
        ("two million", En, "2000000"),
        ("1.2 billion", En, "1200000000"),
        ("one hundred fifty-seven", En, "157"),
        ("twenty-one officers", En, "21"),
        ("25 million", En, "25000000"),
    ];
    for (text, lang, want) in cases {
        assert_eq!(value(text, *lang).as_deref(), Some(*want), "{text}");
    }
}

#[test]
fn arabic_words_in_full() {
    use Lang::Ar;
    let cases: &[(&str, &str)] = &[
        ("خمسة وعشرون", "25"),
        ("مائة وخمسة وعشرون ألفا", "125000"),
        ("ثلاثمائة", "300"),
        ("ثلاث مائة", "300"),
        ("مئتين", "200"),
        ("ألفين", "2000"),
        ("ثلاثة آلاف", "3000"),
        ("أحد عشر", "11"),
        ("إحدى عشرة", "11"),
        ("اثنا عشر", "12"),
        ("مليار", "1000000000"),
        ("ملياران", "2000000000"),
        ("عشرون ألفاً", "20000"),
        ("١٢٣ ألفا و٤٥٦", "123456"),
    ];
    for (text, want) in cases {
        assert_eq!(value(text, Ar).as_deref(), Some(*want), "{text}");
    }
}

#[test]
fn a_feminine_dual_and_its_adjective_say_two() {
    let p = read("بإحداث فرقتين متنقلتين للدراجين", Lang::Ar).expect("two");
    assert_eq!(
        (p.value.to_string(), p.text.as_str()),
        ("2".into(), "فرقتين متنقلتين")
    );
    // One word alone so ending is not read as a dual.
    assert_eq!(read("فرقتين للدراجين", Lang::Ar), None);
}

#[test]
fn what_is_not_a_figure() {
    use Lang::*;
    // "أحد" alone is "one of", not a figure; a plural scale needs a number.
    assert_eq!(read("أحد الأسباب", Ar), None);
    assert_eq!(read("ملايين الدراهم", Ar), None);
    assert_eq!(read("un rapport", Fr), None);
    assert_eq!(read("one of them", En), None);
    assert_eq!(read("المصالح الأمنية", Ar), None);
}

#[test]
fn a_line_holds_several_figures() {
    let line = "وانتقل عدد البيانات من 340 في 2017 إلى 288 في 2018، ثم 40 فقط في 2024";
    let all: Vec<(String, bool)> = scan(line, Lang::Ar)
        .into_iter()
        .map(|p| (p.value.to_string(), p.year_like))
        .collect();
    let want: Vec<(String, bool)> = [
        ("340", false),
        ("2017", true),
        ("288", false),
        ("2018", true),
        ("40", false),
        ("2024", true),
    ]
    .iter()
    .map(|(v, y)| (v.to_string(), *y))
    .collect();
    assert_eq!(all, want);
}

#[test]
fn spans_point_at_the_text() {
    let line = "بلغ عدد البطائق أربعة ملايين و696 ألفا و69 بطاقة";
    let p = &scan(line, Lang::Ar)[0];
    assert_eq!(p.text, "أربعة ملايين و696 ألفا و69");
    let chars: Vec<char> = line.chars().collect();
    assert_eq!(chars[p.start..p.end].iter().collect::<String>(), p.text);
}

#[test]
fn a_fall_is_said_before_its_size() {
    let line = "صدرت 1263 عقوبة تأديبية، بانخفاض قدره 50 بالمائة مقابل 2023";
    let p = scan(line, Lang::Ar)
        .into_iter()
        .find(|p| p.percent)
        .expect("a percentage");
    assert!(fall_before(line, p.start, Lang::Ar));
    assert!(!fall_before(line, 5, Lang::Ar));
    assert!(fall_before("sanctions were down 50%", 20, Lang::En));
}

#[test]
fn a_bound_word_may_carry_a_conjunction() {
    // "وأكثر من 25 مليون": and more than 25 million.
    let p = read("التظاهرة، وأكثر من 25 مليون مشاهدة", Lang::Ar).expect("figure");
    assert_eq!(
        (p.value.to_string(), p.bound),
        ("25000000".into(), Bound::MoreThan)
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Any text, in any language setting, is read without a panic, and every
    /// figure found points at text that is in the line.
    #[test]
    fn any_text_reads_without_panic(line in "[0-9٠-٩۰-۹ ,.'’/%٪٫٬a-zé\\-أبتثجحخدذرسشصضطظعغفقكلمنهويةىء]{0,60}") {
        for lang in [Lang::Ar, Lang::Fr, Lang::En] {
            let chars: Vec<char> = line.chars().collect();
            for p in scan(&line, lang) {
                proptest::prop_assert!(p.start <= p.end && p.end <= chars.len());
                proptest::prop_assert_eq!(chars[p.start..p.end].iter().collect::<String>(), p.text);
            }
        }
    }
}
