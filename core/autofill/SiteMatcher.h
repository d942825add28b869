// SiteMatcher: decides whether an entry's URL belongs to the page a browser asks about.
//
// The site URL comes from the browser; the entry URL from the user. Rules (docs/AUTOFILL.md,
// "Matching"), stricter than KeePassXC where KeePassXC can be fooled:
// - Only http and https pages get logins. An entry URL without a scheme counts as https.
// - An https entry is not offered to an http page unless the entry allows http; an http entry
//   is offered to its https page.
// - Hosts are compared in canonical form (HostName): IDNA, case, trailing dot and IPv4 spellings
//   cannot make two different hosts equal, and cannot make one host look like two.
// - Same host: match. The page on a subdomain of the entry's host (login.example.com for
//   example.com): match, as KeePassXC does by default, but only on a label boundary
//   (evil-example.com and example.com.evil.net are other sites), never for IP addresses and
//   never for a single-label host (localhost). The reverse (entry login.example.com, page
//   example.com) does not match.
// - Port: an entry URL with a port matches only that port; without one, only the page's default
//   port (KeePassXC ignores the page's port then; another port of a host can be another
//   service).
// Holds plaintext (the site URL's canonical host and origin, entry hosts while comparing), all
// in one arena buffer.
#pragma once

#include "autofill/HostName.h"
#include "common/Result.h"
#include "secret/SecretArena.h"

namespace arcanum::autofill {

class SiteMatcher
{
public:
    enum Score
    {
        NoMatch = 0,
        Subdomain = 1, // the page is on a subdomain of the entry's host
        SameHost = 2,  // same scheme family, host and port
        SamePath = 3,  // ... and the entry's path is a prefix of the page's
    };

    // InvalidArgument when `siteUrl` is not an http or https URL with a valid host.
    [[nodiscard]] static Result<SiteMatcher> create(SecretSpan siteUrl, SecretArena& arena);

    [[nodiscard]] Score score(SecretSpan entryUrl, bool allowHttp);

    // "https://login.example.com" or "http://192.168.1.1:8080": scheme, ASCII host (as the
    // browser shows it: Punycode for IDNs), port when not the default. Site decisions are kept
    // per origin.
    [[nodiscard]] SecretSpan origin() const;
    // The site's host in canonical (Unicode) form, e.g. for a new entry's title.
    [[nodiscard]] SecretSpan host() const;
    [[nodiscard]] bool isHttps() const { return m_https; }

private:
    SiteMatcher() = default;
    // A quick test that needs no parsing: true when `entryUrl` cannot match (see score()).
    [[nodiscard]] bool clearlyElsewhere(SecretSpan entryUrl) const;

    SecretBuffer m_buffer; // [site host | entry host | code point scratch | origin]
    HostName::Canonical m_site;
    SecretSpan m_path;
    int m_port = 0;
    bool m_https = false;
    std::size_t m_originLength = 0;
    // The site host's last two labels ("example.com" of "login.example.com"), inside the site
    // host in m_buffer; 0 when the quick test is off (an IP address, a Unicode host).
    std::size_t m_tailOffset = 0;
    std::size_t m_tailLength = 0;
};

} // namespace arcanum::autofill
