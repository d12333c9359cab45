/** A database problem a user can act on; the message is Chinese and names the file. */
export class DbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DbError';
  }
}
