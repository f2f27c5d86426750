package validate

import (
	"strings"
	"unicode"
)

// stateNames maps each USPS code to the state's name. Territories and the
// Canadian provinces are listed so that an address there is recognised as
// "not California" rather than as a missing state.
var stateNames = map[string]string{
	"AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas",
	"CA": "california", "CO": "colorado", "CT": "connecticut", "DE": "delaware",
	"DC": "district of columbia", "FL": "florida", "GA": "georgia", "HI": "hawaii",
	"ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa",
	"KS": "kansas", "KY": "kentucky", "LA": "louisiana", "ME": "maine",
	"MD": "maryland", "MA": "massachusetts", "MI": "michigan", "MN": "minnesota",
	"MS": "mississippi", "MO": "missouri", "MT": "montana", "NE": "nebraska",
	"NV": "nevada", "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico",
	"NY": "new york", "NC": "north carolina", "ND": "north dakota", "OH": "ohio",
	"OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania", "RI": "rhode island",
	"SC": "south carolina", "SD": "south dakota", "TN": "tennessee", "TX": "texas",
	"UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington",
	"WV": "west virginia", "WI": "wisconsin", "WY": "wyoming",
	"AS": "american samoa", "GU": "guam", "MP": "northern mariana islands",
	"PR": "puerto rico", "VI": "virgin islands", "UM": "united states minor outlying islands",
	"AA": "armed forces americas", "AE": "armed forces europe", "AP": "armed forces pacific",
	"AB": "alberta", "BC": "british columbia", "MB": "manitoba", "NB": "new brunswick",
	"NL": "newfoundland and labrador", "NS": "nova scotia", "NT": "northwest territories",
	"NU": "nunavut", "ON": "ontario", "PE": "prince edward island", "QC": "quebec",
	"SK": "saskatchewan", "YT": "yukon",
}

// stateAliases are other ways people write a state (AP style and common
// short forms), already lower case without dots.
var stateAliases = map[string]string{
	"calif": "CA", "cal": "CA", "cali": "CA", "ca": "CA", "state of california": "CA",
	"ala": "AL", "ariz": "AZ", "ark": "AR", "colo": "CO", "conn": "CT", "del": "DE",
	"fla": "FL", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY",
	"md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO",
	"mont": "MT", "neb": "NE", "nebr": "NE", "nev": "NV", "n h": "NH", "n j": "NJ",
	"n m": "NM", "n y": "NY", "n c": "NC", "n d": "ND", "okla": "OK", "ore": "OR",
	"oreg": "OR", "pa": "PA", "penn": "PA", "r i": "RI", "s c": "SC", "s d": "SD",
	"tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA", "wash": "WA", "w va": "WV",
	"wis": "WI", "wisc": "WI", "wyo": "WY", "d c": "DC", "washington dc": "DC",
	"washington d c": "DC", "québec": "QC",
}

// stateByName is the reverse of stateNames plus the aliases.
var stateByName = buildStateIndex()

func buildStateIndex() map[string]string {
	m := make(map[string]string, len(stateNames)*2+len(stateAliases))
	for code, name := range stateNames {
		m[name] = code
		m[strings.ToLower(code)] = code
	}
	for alias, code := range stateAliases {
		m[alias] = code
	}
	return m
}

// ParseState returns the USPS code of a state written as its code, its name
// or a common abbreviation ("California", "Calif.", "Ca", "CA."), and
// whether it was recognised.
func ParseState(s string) (string, bool) {
	key := stateKey(s)
	if key == "" {
		return "", false
	}
	if code, ok := stateByName[key]; ok {
		return code, true
	}
	// "California (CA)": the name before a parenthesis, or the code in it.
	if i := strings.IndexByte(s, '('); i > 0 {
		if code, ok := stateByName[stateKey(s[:i])]; ok {
			return code, true
		}
		if j := strings.IndexByte(s[i:], ')'); j > 0 {
			code, ok := stateByName[stateKey(s[i+1:i+j])]
			return code, ok
		}
	}
	return "", false
}

// stateKey lower-cases s, turns dots, commas and hyphens into spaces, and
// folds spaces: "N.Y." becomes "n y", "Calif." becomes "calif".
func stateKey(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '.' || r == ',' || r == '-' || r == '(' || r == ')'
	})
	return strings.Join(f, " ")
}

// IsCalifornia reports whether a USPS code is California's.
func IsCalifornia(code string) bool { return code == "CA" }
