// Prisma turns contains/startsWith/endsWith into LIKE and passes the operand on unescaped (prisma/prisma#19506): a
// search for "%" matched every row in the viewer's scope and "_" any one character. Text a user typed goes through
// literalLike before it becomes such a filter.

/** `text` as a LIKE operand that matches only itself (PostgreSQL's default escape character is the backslash). */
export function literalLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}
