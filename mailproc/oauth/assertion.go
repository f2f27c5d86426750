package oauth

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// clientAssertionType is client_assertion_type for a signed JWT
// (RFC 7523 § 2.2).
const clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// Validity of a client assertion: from a little in the past, so that a
// server whose clock is somewhat behind ours takes it, to ten minutes on.
const (
	assertionBackdate = 5 * time.Minute
	assertionLife     = 10 * time.Minute
)

// assertionSigner signs client assertions with a certificate's RSA key, as
// Microsoft's certificate credentials take them: RS256, the certificate's
// SHA-1 thumbprint in x5t (and in kid), its SHA-256 one in x5t#S256.
type assertionSigner struct {
	key          *rsa.PrivateKey
	x5t, x5tS256 string
}

// loadAssertionSigner reads the certificate and its private key (PEM,
// PKCS #1 or #8) and checks that they belong together. Errors name the
// files, never the key.
func loadAssertionSigner(certFile, keyFile string) (*assertionSigner, error) {
	cert, err := readCertificate(certFile)
	if err != nil {
		return nil, fmt.Errorf("[oauth2] certificate_file %s: %w", certFile, err)
	}
	key, err := readRSAKey(keyFile)
	if err != nil {
		return nil, fmt.Errorf("[oauth2] private_key_file %s: %w", keyFile, err)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok || !pub.Equal(key.Public()) {
		return nil, fmt.Errorf("[oauth2] private_key_file %s: not the key of certificate_file %s", keyFile, certFile)
	}
	sum1, sum256 := sha1.Sum(cert.Raw), sha256.Sum256(cert.Raw)
	return &assertionSigner{key: key,
		x5t:     base64.RawURLEncoding.EncodeToString(sum1[:]),
		x5tS256: base64.RawURLEncoding.EncodeToString(sum256[:])}, nil
}

// sign makes a client assertion for clientID, addressed to the token
// endpoint aud, valid from now (backdated) for assertionLife.
func (s *assertionSigner) sign(clientID, aud string, now time.Time) (string, error) {
	jti := make([]byte, 16)
	if _, err := rand.Read(jti); err != nil {
		return "", err
	}
	claims := jwt.RegisteredClaims{
		Issuer: clientID, Subject: clientID, Audience: jwt.ClaimStrings{aud}, ID: hex.EncodeToString(jti),
		IssuedAt:  jwt.NewNumericDate(now.Add(-assertionBackdate)),
		NotBefore: jwt.NewNumericDate(now.Add(-assertionBackdate)),
		ExpiresAt: jwt.NewNumericDate(now.Add(assertionLife)),
	}
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["x5t"], t.Header["x5t#S256"], t.Header["kid"] = s.x5t, s.x5tS256, s.x5t
	signed, err := t.SignedString(s.key)
	if err != nil {
		return "", fmt.Errorf("sign client assertion: %w", err)
	}
	return signed, nil
}

// Thumbprint is the base64url SHA-1 thumbprint of the certificate in
// certFile: Microsoft's x5t, and the kid mailproc signs with.
func Thumbprint(certFile string) (string, error) {
	cert, err := readCertificate(certFile)
	if err != nil {
		return "", err
	}
	sum := sha1.Sum(cert.Raw)
	return base64.RawURLEncoding.EncodeToString(sum[:]), nil
}

// readCertificate reads the first certificate of a PEM file.
func readCertificate(path string) (*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if block.Type == "CERTIFICATE" {
			return x509.ParseCertificate(block.Bytes)
		}
	}
	return nil, errors.New("no PEM certificate in it")
}

// readRSAKey reads an RSA private key from a PEM file.
func readRSAKey(path string) (*rsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		switch block.Type {
		case "RSA PRIVATE KEY":
			return x509.ParsePKCS1PrivateKey(block.Bytes)
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				return nil, errors.New("not a readable PKCS #8 private key")
			}
			if rk, ok := k.(*rsa.PrivateKey); ok {
				return rk, nil
			}
			return nil, errors.New("not an RSA key (Microsoft takes RSA certificates)")
		}
	}
	return nil, errors.New("no PEM private key in it")
}
