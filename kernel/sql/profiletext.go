package sql

import (
	"fmt"
	"strconv"
)

// Text renders the profile as an aligned table, one line per column, for text-only outputs.
func (p *Profile) Text() string {
	names := []string{"column", "type", "nulls", "distinct", "min", "max", "mean", "std", "top"}
	var cells [][]string
	for _, c := range p.Columns {
		distinct := strconv.FormatInt(c.Distinct, 10)
		if c.DistinctApprox {
			distinct = "~" + distinct
		}
		line := []string{c.Name, c.Type, fmt.Sprintf("%d (%.0f%%)", c.Nulls, c.NullShare*100), distinct,
			optional(c.Min), optional(c.Max), float(c.Mean), float(c.Std), ""}
		switch {
		case len(c.Top) > 0:
			line[8] = fmt.Sprintf("%s (%d)", c.Top[0].Value, c.Top[0].Count)
		case c.True != nil && c.False != nil:
			line[8] = fmt.Sprintf("true %d, false %d", *c.True, *c.False)
		}
		if c.MinLength != nil && c.MaxLength != nil {
			line[4], line[5] = fmt.Sprintf("len %d", *c.MinLength), fmt.Sprintf("len %d", *c.MaxLength)
		}
		cells = append(cells, line)
	}
	return fmt.Sprintf("%d rows\n", p.Rows) + TextTable(names, cells, 0)
}

func optional(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func float(x *float64) string {
	if x == nil {
		return ""
	}
	return strconv.FormatFloat(*x, 'g', 6, 64)
}
