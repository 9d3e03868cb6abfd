// `hv image list|pull|import|verify|info|rm`: the ISO and cloud-image library (docs/images.md).
// Registration only; each body is loaded when it runs, so `hv --help` and `hv --version` stay fast.
import { Option } from 'commander';
import type { CommandRegistrar } from '../command.js';

const kindOption = (): Option =>
  new Option('--kind <kind>', 'iso or cloud (default: from the catalog, else from the file)').choices([
    'iso',
    'cloud',
  ]);

/** Registers `hv image` and its verbs. */
export const registerImage: CommandRegistrar = (program, action) => {
  const image = program
    .command('image')
    .description('ISO and cloud image library: pull, import, verify (docs/images.md)');
  image
    .command('list')
    .alias('ls')
    .description('list images in the library (VERIFIED: sha256+gpg, sha256, local or INSECURE)')
    .option('--catalog', 'list the catalog of images hv can pull instead')
    .action(
      action(async (ctx, _args, opts: { catalog?: boolean }) => {
        const { imageList } = await import('./image-list.js');
        return imageList(ctx, opts);
      }),
    );
  image
    .command('pull')
    .description('download an image from the catalog or a URL, verify it, add it to the library')
    .argument('<image>', 'catalog name (hv image list --catalog) or an http(s) URL')
    .option('--name <name>', 'name in the library (default: the catalog name, or from the URL)')
    .option('--sha256 <hex>', 'expected SHA-256 of the image')
    .option('--sha512 <hex>', 'expected SHA-512 of the image')
    .addOption(kindOption())
    .option('--insecure', 'accept an image that cannot be verified (recorded, shown as INSECURE)')
    .option('--retries <n>', 'retries after a failed or stalled transfer (default: images.retries)')
    .option('--stall-timeout <seconds>', 'seconds without data before a transfer counts as stalled')
    .option('--connect-timeout <seconds>', 'seconds to wait for the server to accept the connection')
    .addHelpText(
      'after',
      '\nExit status: 0 added; 5 network error or 404; 9 stalled/timed out; 10 name taken;\n' +
        '11 checksum mismatch, bad signature, unknown key, or nothing to verify against;\n' +
        '130 interrupted (the partial download is kept: run the same command again to resume).',
    )
    .action(
      action(async (ctx, args, opts) => {
        const { imagePull } = await import('./image-pull.js');
        return imagePull(ctx, args[0] ?? '', opts as never);
      }),
    );
  image
    .command('import')
    .description('add a local ISO or disk image to the library (copied; --move to move it)')
    .argument('[file]', 'the file (must be inside allowed_roots)')
    .option('--scan <dir>', 'import every *.iso, *.qcow2 and *.img under DIR (3 levels deep)')
    .option('--name <name>', 'name in the library (default: from the file name)')
    .option('--sha256 <hex>', 'expected SHA-256; the import fails when it differs')
    .option('--sha512 <hex>', 'expected SHA-512; the import fails when it differs')
    .addOption(kindOption())
    .option('--move', 'move the file into the library instead of copying it')
    .action(
      action(async (ctx, args, opts) => {
        const { imageImport } = await import('./image-import.js');
        return imageImport(ctx, args[0], opts as never);
      }),
    );
  image
    .command('verify')
    .description('re-hash stored images against their recorded checksums (exit 11 on a mismatch)')
    .argument('[name...]', 'images to verify')
    .option('--all', 'verify every image')
    .action(
      action(async (ctx, args, opts: { all?: boolean }) => {
        const { imageVerify } = await import('./image-verify.js');
        return imageVerify(ctx, args, opts);
      }),
    );
  image
    .command('info')
    .description('show an image: source, checksum, verification, volume, and the VMs using it')
    .argument('<name>', 'image name')
    .action(
      action(async (ctx, args) => {
        const { imageInfo } = await import('./image-info.js');
        return imageInfo(ctx, args[0] ?? '');
      }),
    );
  image
    .command('rm')
    .alias('remove')
    .description('remove an image (refused while a VM uses it as a disk, cdrom or backing file)')
    .argument('<name>', 'image name')
    .action(
      action(async (ctx, args) => {
        const { imageRemove } = await import('./image-rm.js');
        return imageRemove(ctx, args[0] ?? '');
      }),
    );
};
