use convene::programme::*;
#[test]
fn probe() {
    let cases = [
        ("unknown", "{\n  \"format\": 1,\n  \"title\": \"T\",\n  \"bogus\": 3,\n  \"time_zone\": \"Asia/Jakarta\",\n  \"days\": []\n}"),
        ("unknown-nested", "{\"format\":1,\"title\":\"T\",\"time_zone\":\"UTC\",\"days\":[{\"date\":\"2021-01-01\",\"start\":\"13:00\",\"title\":\"d\",\"blocks\":[{\"title\":\"b\",\"kind\":\"break\",\"minutes\":5,\"minute\":3}]}]}"),
        ("wrongtype", "{\"format\":1,\"title\":\"T\",\"time_zone\":\"UTC\",\"days\":[{\"date\":\"2021-01-01\",\"start\":\"13:00\",\"title\":\"d\",\"blocks\":[{\"title\":\"b\",\"kind\":\"break\",\"minutes\":\"30\"}]}]}"),
        ("date", "{\"format\":1,\"title\":\"T\",\"time_zone\":\"UTC\",\"days\":[{\"date\":\"2021-13-01\",\"start\":\"13:00\",\"title\":\"d\",\"blocks\":[{\"title\":\"b\",\"kind\":\"break\",\"minutes\":30}]}]}"),
        ("date2", "{\"format\":1,\"title\":\"T\",\"time_zone\":\"UTC\",\"days\":[{\"date\":\"2021-02-30\",\"start\":\"13:00\",\"title\":\"d\",\"blocks\":[{\"title\":\"b\",\"kind\":\"break\",\"minutes\":30}]}]}"),
        ("time", "{\"format\":1,\"title\":\"T\",\"time_zone\":\"UTC\",\"days\":[{\"date\":\"2021-12-01\",\"start\":\"1pm\",\"title\":\"d\",\"blocks\":[{\"title\":\"b\",\"kind\":\"break\",\"minutes\":30}]}]}"),
        ("kind", "{\"format\":1,\"title\":\"T\",\"time_zone\":\"UTC\",\"days\":[{\"date\":\"2021-12-01\",\"start\":\"13:00\",\"title\":\"d\",\"blocks\":[{\"title\":\"b\",\"kind\":\"lunch\",\"minutes\":30}]}]}"),
        ("missing", "{\"format\":1,\"title\":\"T\",\"time_zone\":\"UTC\",\"days\":[{\"date\":\"2021-12-01\",\"start\":\"13:00\",\"title\":\"d\",\"blocks\":[{\"kind\":\"break\",\"minutes\":30}]}]}"),
        ("missing-pretty", "{\n \"format\":1,\n \"title\":\"T\",\n \"time_zone\":\"UTC\",\n \"days\":[\n  {\n   \"date\":\"2021-12-01\",\n   \"start\":\"13:00\",\n   \"title\":\"d\",\n   \"blocks\":[\n    {\n     \"kind\":\"break\",\n     \"minutes\":30\n    }\n   ]\n  }\n ]\n}"),
        ("trailing", "{\n \"format\":1,\n \"title\":\"T\",\n}"),
        ("trailing-arr", "{\n \"format\":1,\n \"days\":[1,2,],\n}"),
        ("array", "[1,2]"),
        ("string", "\"hi\""),
        ("empty", ""),
        ("utf8col", "{\"format\":1,\"title\":\"Malé Malé\",\"bogus\":1}"),
        ("bom", "\u{feff}{\"format\":2}"),
    ];
    for (n, t) in cases {
        match parse(n, t) {
            Ok(_) => println!("{n}: OK"),
            Err(e) => println!("{n}: {:?}\n   {e}", e.problems),
        }
    }
}
