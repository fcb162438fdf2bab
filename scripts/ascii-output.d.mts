export function keepSourceAscii(path: string): void;
