use quotetrail_store::{Kind, Statement};
use serde_json::Value;

use crate::util::{Env, jsonl_line, s};

/// Parses `extract --format jsonl` output.
fn rows(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_output_has_what_the_scorer_and_the_store_need() {
    let env = Env::new();
    let corpus = env.corpus();
    let run = env.run(&["extract", "--format", "jsonl", s(&corpus)]);
    run.code(0);
    let rows = rows(&run.stdout);
    assert_eq!(rows.len(), 4);
    let mut total = 0;
    for row in &rows {
        let path = row["path"].as_str().expect("files are keyed by path");
        let body = std::fs::read_to_string(path).unwrap();
        for key in [
            "outlet",
            "url",
            "published",
            "title",
            "byline",
            "dateline",
            "origin",
        ] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
        for st in row["statements"].as_array().unwrap() {
            total += 1;
            let kind = match st["kind"].as_str().unwrap() {
                "quote" => Kind::Quote,
                "claim" => Kind::Claim,
                other => panic!("kind {other}"),
            };
            let text = st["text"].as_str().unwrap();
            let (start, end) = (
                st["start"].as_u64().unwrap() as usize,
                st["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &body[start..end],
                text,
                "offsets are byte offsets into the file"
            );
            assert_eq!(st["outlet"], row["outlet"]);
            assert!(st.get("speaker_mention").is_some() && st.get("wire_source").is_some());
            let id = Statement::new(
                kind,
                text,
                st["speaker"].as_str(),
                st["outlet"].as_str(),
                st["wire"].as_str(),
            )
            .id();
            assert_eq!(st["id"], id.to_hex(), "the id is the store's statement id");
        }
    }
    assert!(total > 0, "the demo corpus has statements");
    assert!(run.stderr.contains("4 articles:"), "{}", run.stderr);
}

#[test]
fn jsonl_records_are_keyed_by_their_id() {
    let env = Env::new();
    env.write(
        "in.jsonl",
        format!("{}\n{}\n", jsonl_line(1), jsonl_line(2)),
    );
    let run = env.run(&["extract", "--format", "jsonl", "in.jsonl"]);
    run.code(0);
    let rows = rows(&run.stdout);
    assert_eq!(rows[0]["id"], "art-1");
    assert_eq!(rows[1]["id"], "art-2");
    assert!(rows[0].get("path").is_none());
    assert_eq!(rows[0]["outlet"], "Brindle Gazette");
}

#[test]
fn json_flag_wraps_each_article_and_adds_a_summary() {
    let env = Env::new();
    env.write("in.jsonl", format!("{}\n", jsonl_line(1)));
    let run = env.run(&["--json", "extract", "in.jsonl"]);
    run.code(0);
    let records = run.records();
    assert_eq!(records[0].0, "article");
    assert_eq!(records[0].1["id"], "art-1");
    assert_eq!(records.last().unwrap().0, "summary");
    assert_eq!(records.last().unwrap().1["articles"], 1);
}

#[test]
fn human_output_names_each_article_and_its_statements() {
    let env = Env::new();
    let corpus = env.corpus();
    let run = env.run(&["extract", s(&corpus)]);
    run.code(0);
    for name in [
        "01-afp-dispatch.txt",
        "02-valmera-courier.txt",
        "03-radio-coastline.txt",
        "04-northern-ledger.txt",
    ] {
        assert!(run.stdout.contains(name), "{name} in\n{}", run.stdout);
    }
    assert!(run.stdout.contains("Radio Coastline"));
    assert!(!run.stdout.contains('\x1b'), "no colour into a pipe");
}

#[test]
fn extract_never_touches_the_store() {
    let env = Env::new();
    let corpus = env.corpus();
    env.run(&["extract", s(&corpus)]).code(0);
    assert!(!env.store().exists());
}

/// `--format parquet` (built with `--features parquet`): one row per
/// statement, holding what `--format jsonl` prints.
#[cfg(feature = "parquet")]
#[test]
fn parquet_output_has_a_row_per_statement_as_jsonl_prints_it() {
    use arrow_array::{Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let env = Env::new();
    let corpus = env.corpus();
    let jsonl = env.run(&["extract", "--format", "jsonl", s(&corpus)]);
    jsonl.code(0);
    let mut want: Vec<(String, String, String, u64, Option<String>)> = rows(&jsonl.stdout)
        .iter()
        .flat_map(|a| {
            a["statements"].as_array().unwrap().iter().map(|st| {
                (
                    a["article"].as_str().unwrap().to_owned(),
                    st["id"].as_str().unwrap().to_owned(),
                    st["text"].as_str().unwrap().to_owned(),
                    st["start"].as_u64().unwrap(),
                    st["speaker"].as_str().map(str::to_owned),
                )
            })
        })
        .collect();
    want.sort();

    let out = env
        .cmd(&["extract", "--format", "parquet", s(&corpus)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"PAR1"), "a Parquet file");
    let file = env.write("out.parquet", &out.stdout);
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(file).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut got = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let text = |name: &str| {
            batch
                .column_by_name(name)
                .unwrap()
                .as_any()
                .downcast_ref::<StringArray>()
                .unwrap()
                .clone()
        };
        let (article, statement, words, speaker) = (
            text("article"),
            text("statement"),
            text("text"),
            text("speaker"),
        );
        let start = batch
            .column_by_name("start")
            .unwrap()
            .as_any()
            .downcast_ref::<Int64Array>()
            .unwrap()
            .clone();
        for i in 0..batch.num_rows() {
            got.push((
                article.value(i).to_owned(),
                statement.value(i).to_owned(),
                words.value(i).to_owned(),
                start.value(i) as u64,
                (!speaker.is_null(i)).then(|| speaker.value(i).to_owned()),
            ));
        }
    }
    got.sort();
    assert!(!want.is_empty());
    assert_eq!(got, want);
}
