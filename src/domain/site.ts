// Site-wide facts every feature may need to build addresses and links. Built by main.ts from the
// config and passed in; never read from globals.
export interface Site {
  /** Public base URL of the web interface, without a trailing slash: `https://lists.example.org`. */
  baseUrl: string;
  /** Host name used in generated Message-IDs and the SMTP greeting. */
  hostname: string;
  /** Name shown in pages and notices. */
  siteName: string;
  /** Site administrator address (receives operator notices). */
  adminAddress: string;
}
