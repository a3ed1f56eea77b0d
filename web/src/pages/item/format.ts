import dayjs from 'dayjs';

export const todayIso = () => dayjs().format('YYYY-MM-DD');

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
