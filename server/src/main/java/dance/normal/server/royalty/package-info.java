/** Royalty arithmetic: integers only, remainders to stated accounts, every split adding up exactly. */
package dance.normal.server.royalty;
