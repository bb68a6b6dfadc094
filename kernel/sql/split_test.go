package sql

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	for src, want := range map[string][]string{
		"select 1; select 2;":                   {"select 1", "select 2"},
		"select ';'; select \"a;b\"":            {"select ';'", `select "a;b"`},
		"select 'it''s;'; -- x;y\nselect 2":     {"select 'it''s;'", "-- x;y\nselect 2"},
		"/* a; b */ select 1 /* c; */":          {"/* a; b */ select 1 /* c; */"},
		"select $$a;b$$; select $t$;$t$":        {"select $$a;b$$", "select $t$;$t$"},
		"select $1; select 2":                   {"select $1", "select 2"},
		"  ;;  -- nothing\n; /* here */ ":       nil,
		"select 'unterminated; select 2":        {"select 'unterminated; select 2"},
		"select 1 -- trailing; comment":         {"select 1 -- trailing; comment"},
		"select 1;\n-- a comment after the end": {"select 1"},
	} {
		if got := Split(src); !reflect.DeepEqual(got, want) {
			t.Errorf("Split(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestParams(t *testing.T) {
	for src, want := range map[string][]string{
		"select * from t where x > $min and y = $name and z < $min": {"min", "name"},
		"select $1, $$ $notme $$, $t$ $no $t$, '$no', \"$no\"":      nil,
		"select 1 -- $no\n/* $no */ + $yes_2":                       {"yes_2"},
		"select a$b, $_x from t":                                    {"_x"},
	} {
		if got := Params(src); !reflect.DeepEqual(got, want) {
			t.Errorf("Params(%q) = %q, want %q", src, got, want)
		}
	}
}
