package oauth

import (
	"fmt"
	"log/slog"
	"strings"
)

// The providers Settings.Provider names.
const (
	Microsoft = "microsoft" // Microsoft 365 (Entra ID): client credentials, or a refresh token
	Google    = "google"    // Google Workspace: a service account's JWT-bearer grant, or a refresh token
	Generic   = "generic"   // any RFC 6749 server: client credentials, or a refresh token
)

// Provider defaults.
const (
	microsoftScope      = "https://outlook.office365.com/.default"
	microsoftLoginHost  = "https://login.microsoftonline.com/"
	googleScope         = "https://mail.google.com/"
	googleTokenURL      = "https://oauth2.googleapis.com/token"
	googleAuthURL       = "https://accounts.google.com/o/oauth2/auth"
	microsoftIMAPScope  = "https://outlook.office.com/IMAP.AccessAsUser.All"
	microsoftSMTPScope  = "https://outlook.office.com/SMTP.Send"
	microsoftOfflineUse = "offline_access"
)

// Settings are the [oauth2] keys of the configuration: how mailproc gets
// its own access tokens for IMAP and SMTP (auth = "oauth2" in [mailbox]
// and [smtp]). One set serves both sides, so one token (and one refresh
// token) is shared by them.
type Settings struct {
	// Provider is "microsoft", "google" or "generic".
	Provider string `toml:"provider"`
	// Mechanism is the SASL mechanism: "xoauth2" (default) or "oauthbearer".
	Mechanism string `toml:"mechanism"`
	// Tenant is the Microsoft Entra tenant (its ID or domain).
	Tenant string `toml:"tenant"`
	// ClientID is the application (client) ID.
	ClientID string `toml:"client_id"`
	// ClientSecretFile holds the client secret (mode 0600).
	ClientSecretFile string `toml:"client_secret_file"`
	// CertificateFile and PrivateKeyFile (PEM) sign a client assertion
	// (RFC 7523 § 2.2, Microsoft's certificate credential) instead of a
	// secret.
	CertificateFile string `toml:"certificate_file"`
	PrivateKeyFile  string `toml:"private_key_file"`
	// ServiceAccountFile is a Google service account's JSON key.
	ServiceAccountFile string `toml:"service_account_file"`
	// Subject is the mailbox a Google service account acts for (domain-wide
	// delegation); default: [mailbox] username.
	Subject string `toml:"subject"`
	// RefreshTokenFile holds the refresh token that `mailproc oauth login`
	// stored (mode 0600); when set, tokens are refreshed from it (the
	// authorization-code flow) instead of an app-only grant.
	RefreshTokenFile string `toml:"refresh_token_file"`
	// TokenURL and AuthURL override the provider's endpoints (a national
	// cloud); generic needs TokenURL, and AuthURL for `oauth login`.
	TokenURL string `toml:"token_url"`
	AuthURL  string `toml:"auth_url"`
	// Logger is where the grant logs: set by the caller, never read from
	// the file; nil discards.
	Logger *slog.Logger `toml:"-"`
	// Scopes override the provider's.
	Scopes []string `toml:"scopes"`
}

// Problems lists what is missing or wrong in s, each naming its key under
// section (such as "[oauth2]"). It reads no file and shows no secret.
func (s Settings) Problems(section string) []string {
	var p []string
	add := func(key, format string, args ...any) {
		p = append(p, fmt.Sprintf("%s %s: %s", section, key, fmt.Sprintf(format, args...)))
	}
	switch s.Mechanism {
	case "", "xoauth2", "oauthbearer":
	default:
		add("mechanism", "%q: must be \"xoauth2\" or \"oauthbearer\"", s.Mechanism)
	}
	need := func(key, value, why string) {
		if value == "" {
			add(key, "required %s", why)
		}
	}
	forProvider := fmt.Sprintf("for provider %q", s.Provider)
	switch s.Provider {
	case Microsoft:
		need("tenant", s.Tenant, forProvider+" (the directory (tenant) ID of the app registration)")
		need("client_id", s.ClientID, forProvider+" (the application (client) ID)")
		if s.RefreshTokenFile == "" {
			s.needCredential(add, forProvider+" without refresh_token_file")
		}
	case Google:
		if s.RefreshTokenFile == "" {
			need("service_account_file", s.ServiceAccountFile, forProvider+" without refresh_token_file (the service account's JSON key)")
		} else {
			need("client_id", s.ClientID, forProvider+" with refresh_token_file (an OAuth client of type Desktop app)")
			need("client_secret_file", s.ClientSecretFile, forProvider+" with refresh_token_file")
		}
	case Generic:
		need("token_url", s.TokenURL, forProvider)
		need("client_id", s.ClientID, forProvider)
		if s.RefreshTokenFile == "" {
			s.needCredential(add, forProvider+" without refresh_token_file")
		}
	case "":
		add("provider", "required: \"microsoft\", \"google\" or \"generic\"")
	default:
		add("provider", "%q: must be \"microsoft\", \"google\" or \"generic\"", s.Provider)
	}
	if (s.CertificateFile == "") != (s.PrivateKeyFile == "") {
		add("certificate_file", "give certificate_file and private_key_file together")
	}
	return p
}

// needCredential asks for a client secret or a certificate, not both.
func (s Settings) needCredential(add func(key, format string, args ...any), why string) {
	hasSecret, hasCert := s.ClientSecretFile != "", s.CertificateFile != "" || s.PrivateKeyFile != ""
	switch {
	case hasSecret && hasCert:
		add("client_secret_file", "give client_secret_file or certificate_file and private_key_file, not both")
	case !hasSecret && !hasCert:
		add("client_secret_file", "required %s (or certificate_file and private_key_file)", why)
	}
}

// SASLMechanism is the SASL mechanism to sign in with: XOAuth2 unless
// Mechanism says "oauthbearer".
func (s Settings) SASLMechanism() string {
	if strings.EqualFold(s.Mechanism, "oauthbearer") {
		return OAuthBearer
	}
	return XOAuth2
}

// tokenURL is the token endpoint: the configured one, or the provider's.
func (s Settings) tokenURL() string {
	switch {
	case s.TokenURL != "":
		return s.TokenURL
	case s.Provider == Microsoft:
		return microsoftLoginHost + s.Tenant + "/oauth2/v2.0/token"
	case s.Provider == Google:
		return googleTokenURL
	}
	return ""
}

// authURL is the authorization endpoint, for `oauth login`.
func (s Settings) authURL() string {
	switch {
	case s.AuthURL != "":
		return s.AuthURL
	case s.Provider == Microsoft:
		return microsoftLoginHost + s.Tenant + "/oauth2/v2.0/authorize"
	case s.Provider == Google:
		return googleAuthURL
	}
	return ""
}

// scopes are the configured scopes, or the provider's for the grant:
// app-only (delegated false) or on behalf of a signed-in user.
func (s Settings) scopes(delegated bool) []string {
	switch {
	case len(s.Scopes) > 0:
		return s.Scopes
	case s.Provider == Microsoft && delegated:
		return []string{microsoftIMAPScope, microsoftSMTPScope, microsoftOfflineUse}
	case s.Provider == Microsoft:
		return []string{microsoftScope}
	case s.Provider == Google:
		return []string{googleScope}
	}
	return nil
}

// SecretFiles names the files of s that hold secrets, by key.
func (s Settings) SecretFiles() map[string]string {
	files := map[string]string{}
	for key, path := range map[string]string{"client_secret_file": s.ClientSecretFile, "private_key_file": s.PrivateKeyFile,
		"service_account_file": s.ServiceAccountFile, "refresh_token_file": s.RefreshTokenFile} {
		if path != "" {
			files[key] = path
		}
	}
	return files
}
