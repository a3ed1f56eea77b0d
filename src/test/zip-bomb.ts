import { constants, deflateRawSync } from 'node:zlib';

/**
 * Zip bombs built in memory for the guard's tests, never committed as binaries. A megabyte of zeros deflated with a
 * full flush is a self-contained run of non-final blocks ending on a byte boundary, so repeating it n times and closing
 * with an empty final block is a valid raw-deflate stream of n MiB in about n KB.
 */
const MIB_OF_ZEROS = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0));

export function deflatedZeros(mebibytes: number): Buffer {
  return Buffer.concat([...Array.from({ length: mebibytes }, () => MIB_OF_ZEROS), FINAL_BLOCK]);
}

export interface BombPart {
  name: string;
  /** Raw-deflate data (method 8), or the stored bytes when `stored`. */
  data: Buffer;
  /** The uncompressed size the directory declares: the truth, or a lie. */
  declaredSize: number;
  stored?: boolean;
}

/** A zip of the parts as given (checksums left at zero: the guard refuses before any reader would check them). */
export function zipOf(parts: BombPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const method = part.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(part.data.length, 20);
    header.writeUInt32LE(part.declaredSize, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    central.push(header, name);
    offset += 30 + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
