import { defineCollection } from 'astro:content';
import { certidocsLoader } from './loader/certidocs-loader.ts';

export const collections = {
  certifications: defineCollection({ loader: certidocsLoader('certification') }),
  rome: defineCollection({ loader: certidocsLoader('rome') }),
};
