// Globals that every runtime Atalaya runs in (Node ≥ 20, Chromium, Electron) provides, declared
// here because common/ is typechecked without DOM or Node types on purpose.
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly searchParams: URLSearchParams;
  readonly origin: string;
  href: string;
  toString(): string;
}

declare class URLSearchParams {
  constructor(init?: string);
  get(name: string): string | null;
  has(name: string): boolean;
  toString(): string;
}
